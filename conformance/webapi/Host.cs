// h2h test server: the generated ApiControllers of a schema (conformance/dotnet/generated/
// <target>.controllers.cs) and its contracts (<target>.cs) in Mono's ASP.NET Web API self-host
// (System.Web.Http 4.0, System.Web.Http.SelfHost), on a loopback port.
//
//   mono host.exe <port>
//
// Listens on http://127.0.0.1:<port>/ with the route {controller}/{action} (plus one route per
// endpoint whose route has URI parameter segments, from the generated Routes.Map), writes
// "READY <port>" on stdout once Web API has answered a request of its own, and exits when
// stdin closes, so that a test that dies leaves no server behind. Anything else it says goes
// to stderr.
//
// Test protocol (also at the top of every generated controllers file):
//
//   request header  X-H2h-Respond: base64 of the response value as JSON. The action reads it
//                   with the JSON formatter into the endpoint's response type and answers it
//                   with Request.CreateResponse(HttpStatusCode.OK, value), so the negotiated
//                   formatter writes it. Without the header the value is the type's default
//                   (null). An endpoint without a response type answers 204 No Content.
//   request header  X-H2h-Throw: 1 makes the action throw an InvalidOperationException
//                   before anything else (the server error case).
//   response header X-H2h-Bound: base64 of the bound request body as the JSON formatter writes
//                   it (the same serializer and settings), on a 200 of an endpoint with a body.
//   response header X-H2h-Bound-Uri: base64 of a JSON object of the bound URI parameters, by
//                   name, on a 200 of an endpoint with URI parameters.
//   An invalid ModelState (an unreadable body), or no body where the endpoint takes one, is
//   answered as a typical Web API 2 (System.Web.Http 5.x) controller does:
//   Request.CreateErrorResponse(HttpStatusCode.BadRequest, ModelState). System.Web.Http 4.0
//   has neither CreateErrorResponse nor HttpError; WebApi5 below is their Web API 5 code path.
//
// Set up as Web API 5's defaults where Mono lets it (conformance/webapi/README.md lists what
// differs): formatters JSON, XML (DataContractSerializer), form-urlencoded, jQuery MVC
// form-urlencoded; the JSON formatter's contract resolver writes null members as Web API 5's
// does (Mono's own JsonContractResolver leaves them out); IncludeErrorDetailPolicy.Always;
// one request at a time (MaxConcurrentRequests = 1, see Main).
// The JSON formatter is Mono's, with the copy of Json.NET that System.Net.Http.Formatting 4.0
// carries inside it (its Newtonsoft.Json types are that assembly's): this host references no
// other Json.NET, so "Newtonsoft.Json" below always names the formatter's own.
//
// The server's time zone is Asia/Jakarta (+07:00): TZ is set to it when unset.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Formatting;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Web.Http;
using System.Web.Http.ModelBinding;
using System.Web.Http.SelfHost;

namespace H2H.Conformance.WebApi
{
    /// <summary>The test protocol's headers, read and written with the server's JSON formatter.</summary>
    public static class Protocol
    {
        public const string RespondHeader = "X-H2h-Respond";
        public const string ThrowHeader = "X-H2h-Throw";
        public const string BoundHeader = "X-H2h-Bound";
        public const string BoundUriHeader = "X-H2h-Bound-Uri";

        /// <summary>The model error of a missing body (ours: Web API 5 reports none).</summary>
        public const string BodyRequired = "A request body is required.";

        /// <summary>Throws when the request asks for it (X-H2h-Throw: 1).</summary>
        public static void ThrowIfAsked(HttpRequestMessage request, string action)
        {
            if (Header(request, ThrowHeader) == "1")
                throw new InvalidOperationException(ThrowHeader + ": " + action + " threw as the test asked");
        }

        /// <summary>The response value the test asked for (X-H2h-Respond), else the default.</summary>
        public static T Respond<T>(HttpRequestMessage request)
        {
            string encoded = Header(request, RespondHeader);
            if (encoded == null)
                return default(T);
            byte[] json;
            try
            {
                json = Convert.FromBase64String(encoded);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException(RespondHeader + " is not base64: " + e.Message, e);
            }
            JsonMediaTypeFormatter formatter = request.GetConfiguration().Formatters.JsonFormatter;
            var content = new ByteArrayContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using (var stream = new MemoryStream(json, false))
                return (T)formatter.ReadFromStreamAsync(typeof(T), stream, content.Headers, null).Result;
        }

        /// <summary>Adds X-H2h-Bound: the bound body as the JSON formatter writes it.</summary>
        public static void ReportBound(HttpResponseMessage response, Type type, object value)
        {
            response.Headers.Add(BoundHeader, Json(response.RequestMessage, type, value));
        }

        /// <summary>Adds X-H2h-Bound-Uri: the bound URI parameters as a JSON object.</summary>
        public static void ReportBoundUri(HttpResponseMessage response, Dictionary<string, object> parameters)
        {
            response.Headers.Add(BoundUriHeader, Json(response.RequestMessage, typeof(Dictionary<string, object>), parameters));
        }

        private static string Json(HttpRequestMessage request, Type type, object value)
        {
            JsonMediaTypeFormatter formatter = request.GetConfiguration().Formatters.JsonFormatter;
            var content = new ByteArrayContent(new byte[0]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using (var stream = new MemoryStream())
            {
                formatter.WriteToStreamAsync(type, value, stream, content.Headers, null).Wait();
                return Convert.ToBase64String(stream.ToArray());
            }
        }

        private static string Header(HttpRequestMessage request, string name)
        {
            IEnumerable<string> values;
            if (request.Headers.TryGetValues(name, out values))
                foreach (string value in values)
                    return value;
            return null;
        }
    }

    /// <summary>
    /// What System.Web.Http 5.x has and Mono's 4.0 lacks, as Web API 5 does it:
    /// HttpRequestMessageExtensions.CreateErrorResponse(request, status, modelState) and the
    /// HttpError it writes.
    /// </summary>
    public static class WebApi5
    {
        /// <summary>
        /// Web API 5's Request.CreateErrorResponse(status, ModelState): an HttpError with
        /// Message "The request is invalid." and ModelState { key: [messages] }, written by the
        /// negotiated formatter. Web API 5 throws ArgumentException("The model state is
        /// valid.") for a valid ModelState (a 500); so does this.
        /// </summary>
        public static HttpResponseMessage CreateErrorResponse(HttpRequestMessage request, HttpStatusCode status, ModelStateDictionary modelState)
        {
            if (modelState.IsValid)
                throw new ArgumentException("The model state is valid.", "modelState");
            bool includeErrorDetail = ShouldIncludeErrorDetail(request);
            var error = new HttpError();
            error.Add("Message", "The request is invalid.");
            var modelStateError = new HttpError();
            foreach (KeyValuePair<string, ModelState> entry in modelState)
            {
                ModelErrorCollection errors = entry.Value.Errors;
                if (errors == null || errors.Count == 0)
                    continue;
                var messages = new string[errors.Count];
                for (int i = 0; i < errors.Count; i++)
                {
                    ModelError e = errors[i];
                    if (includeErrorDetail && e.Exception != null)
                        messages[i] = e.Exception.Message;
                    else
                        messages[i] = string.IsNullOrEmpty(e.ErrorMessage) ? "An error has occurred." : e.ErrorMessage;
                }
                modelStateError.Add(entry.Key, messages);
            }
            error.Add("ModelState", modelStateError);
            return request.CreateResponse(status, error);
        }

        // Web API 5's HttpRequestMessageExtensions.ShouldIncludeErrorDetail for a self-host.
        private static bool ShouldIncludeErrorDetail(HttpRequestMessage request)
        {
            switch (request.GetConfiguration().IncludeErrorDetailPolicy)
            {
                case IncludeErrorDetailPolicy.Always:
                    return true;
                case IncludeErrorDetailPolicy.Never:
                    return false;
                default:
                    // LocalOnly (and Default, which is LocalOnly for a self-host): this server
                    // listens on the loopback address only.
                    return true;
            }
        }
    }

    /// <summary>
    /// Web API 5's System.Web.Http.HttpError: a dictionary (ordinal case-insensitive keys),
    /// written by Json.NET as an object and by DataContractSerializer through IXmlSerializable
    /// as &lt;Error&gt; with one element per key (XmlConvert.EncodeLocalName), a value with
    /// XmlWriter.WriteValue, a nested HttpError as its elements.
    /// </summary>
    [System.Xml.Serialization.XmlRoot("Error")]
    public sealed class HttpError : Dictionary<string, object>, System.Xml.Serialization.IXmlSerializable
    {
        public HttpError()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        System.Xml.Schema.XmlSchema System.Xml.Serialization.IXmlSerializable.GetSchema()
        {
            return null;
        }

        void System.Xml.Serialization.IXmlSerializable.ReadXml(System.Xml.XmlReader reader)
        {
            throw new NotSupportedException("the test server only writes HttpError");
        }

        void System.Xml.Serialization.IXmlSerializable.WriteXml(System.Xml.XmlWriter writer)
        {
            foreach (KeyValuePair<string, object> entry in this)
            {
                writer.WriteStartElement(System.Xml.XmlConvert.EncodeLocalName(entry.Key));
                if (entry.Value != null)
                {
                    var inner = entry.Value as HttpError;
                    if (inner == null)
                        writer.WriteValue(entry.Value);
                    else
                        ((System.Xml.Serialization.IXmlSerializable)inner).WriteXml(writer);
                }
                writer.WriteEndElement();
            }
        }
    }

    /// <summary>
    /// Web API 5's JsonContractResolver as far as Mono's Json.NET allows: a DefaultContractResolver
    /// whose properties are required (Required.AllowNull, nulls and defaults written) when the
    /// formatter's RequiredMemberSelector says so, and otherwise Required.Default, nulls
    /// written. (Mono's JsonContractResolver leaves null members out; this Json.NET has no
    /// IgnoreSerializableAttribute, so a [Serializable] class is written by its properties, not
    /// its fields as Web API 5 does.)
    /// </summary>
    public sealed class WebApi5ContractResolver : Newtonsoft.Json.Serialization.DefaultContractResolver
    {
        private readonly MediaTypeFormatter _formatter;

        public WebApi5ContractResolver(MediaTypeFormatter formatter)
        {
            _formatter = formatter;
        }

        protected override Newtonsoft.Json.Serialization.JsonProperty CreateProperty(MemberInfo member, Newtonsoft.Json.MemberSerialization memberSerialization)
        {
            Newtonsoft.Json.Serialization.JsonProperty property = base.CreateProperty(member, memberSerialization);
            if (_formatter.RequiredMemberSelector != null && _formatter.RequiredMemberSelector.IsRequiredMember(member))
            {
                property.Required = Newtonsoft.Json.Required.AllowNull;
                property.DefaultValueHandling = Newtonsoft.Json.DefaultValueHandling.Include;
                property.NullValueHandling = Newtonsoft.Json.NullValueHandling.Include;
            }
            else
            {
                property.Required = Newtonsoft.Json.Required.Default;
            }
            return property;
        }
    }

    internal static class Host
    {
        /// <summary>How long the host waits for Web API to answer its own first request.</summary>
        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

        private static int Main(string[] args)
        {
            // Before the first Uri / TimeZoneInfo.Local use, as the differential harness.
            if (Environment.GetEnvironmentVariable("MONO_URI_DOTNETRELATIVEORABSOLUTE") == null)
                Environment.SetEnvironmentVariable("MONO_URI_DOTNETRELATIVEORABSOLUTE", "true");
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TZ")))
                Environment.SetEnvironmentVariable("TZ", "Asia/Jakarta");

            int port;
            if (args.Length != 1 || !int.TryParse(args[0], out port) || port <= 0 || port > 65535)
            {
                Console.Error.WriteLine("usage: mono host.exe <port>");
                return 2;
            }

            var config = new HttpSelfHostConfiguration("http://127.0.0.1:" + port + "/");
            config.IncludeErrorDetailPolicy = IncludeErrorDetailPolicy.Always;
            // One receive at a time. Mono's WCF HTTP reply channel serves one waiting receive
            // (the others fail with "Another wait operation is in progress" on thread-pool
            // threads): with the default 200 (Web API 5's self-host default too) every request
            // waits a second or two for the thread pool; with 1 it takes milliseconds.
            config.MaxConcurrentRequests = 1;
            // Web API 5's defaults, set explicitly: XML by DataContractSerializer; JSON nulls written.
            config.Formatters.XmlFormatter.UseXmlSerializer = false;
            JsonMediaTypeFormatter json = config.Formatters.JsonFormatter;
            json.SerializerSettings.ContractResolver = new WebApi5ContractResolver(json);
            Routes.Map(config.Routes);
            config.Routes.MapHttpRoute("default", "{controller}/{action}");

            HttpSelfHostServer server = Open(config, port);
            if (server == null)
                return 1;
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            stdout.NewLine = "\n";
            stdout.WriteLine("READY " + port);
            stdout.Flush();

            // Serve until whoever started us closes our stdin (or dies).
            Console.OpenStandardInput().CopyTo(Stream.Null);
            try
            {
                server.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
            return 0;
        }

        // Opens the server and waits until Web API answers a request (any status: the probe's
        // path names no controller). Mono's HttpSelfHostServer.OpenAsync fails now and then (one
        // start in five or so on this machine) with a NullReferenceException in
        // HttpSelfHostServer.BeginAcceptChannel although the listener is open and serves: the
        // open callback runs twice and the second BeginAcceptChannel gets no IAsyncResult.
        // That failure is ignored (the probe decides); any other one ends the host.
        private static HttpSelfHostServer Open(HttpSelfHostConfiguration config, int port)
        {
            var server = new HttpSelfHostServer(config);
            try
            {
                server.OpenAsync().Wait();
            }
            catch (AggregateException e)
            {
                Exception cause = e.InnerException ?? e;
                if (!(cause is NullReferenceException))
                {
                    Console.Error.WriteLine("host: cannot open http://127.0.0.1:" + port + "/: " + cause);
                    return null;
                }
                Console.Error.WriteLine("host: Mono's OpenAsync failed with its known NullReferenceException in BeginAcceptChannel; probing the server");
            }
            DateTime deadline = DateTime.UtcNow + ProbeTimeout;
            for (int attempt = 1; ; attempt++)
            {
                string failure = Probe(port);
                if (failure == null)
                    return server;
                if (DateTime.UtcNow > deadline)
                {
                    Console.Error.WriteLine("host: the server does not answer after " + attempt + " probes: " + failure);
                    return null;
                }
                System.Threading.Thread.Sleep(100);
            }
        }

        // null when Web API answered a request with any HTTP status, else why not.
        private static string Probe(int port)
        {
            var request = (HttpWebRequest)WebRequest.Create("http://127.0.0.1:" + port + "/H2hHostProbe/Ready");
            request.Timeout = 5000;
            request.Proxy = null;
            try
            {
                request.GetResponse().Close();
                return null;
            }
            catch (WebException e)
            {
                if (e.Response != null)
                {
                    e.Response.Close();
                    return null;
                }
                return e.Status + ": " + e.Message;
            }
        }
    }
}
