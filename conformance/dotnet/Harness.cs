// h2h differential harness: a long-lived converter between the wire formats of an
// ASP.NET Web API 2 server, using the real .NET serializers.
//
//   XML  = WCF DataContractSerializer, set up as Web API 2's XmlMediaTypeFormatter uses it
//   JSON = Json.NET (JsonConvert.SerializeObject / DeserializeObject), default settings except
//          the contract resolver's IgnoreSerializableAttribute = false, as Web API 2's
//          JsonMediaTypeFormatter sets it ([Serializable] classes as their fields)
//
// Compiled by build.sh together with a contracts file (C# classes). Protocol on
// stdin/stdout, one request per line, one response line per request:
//
//   request:  <op> <ContractName> <base64 of input bytes>
//             op = xml2xml | json2json | xml2json | json2xml
//             ping
//   response: OK <base64 of output bytes>      (plain "OK" for ping)
//             ERR <base64 of UTF-8 error text>
//
// The error text is the exception chain: "Type: message", then one
// "  inner Type: message" line per inner exception; a malformed request (unknown op or
// contract, bad base64) gives "harness: <what is wrong>" instead.
//
// Windows emulation (the server runs on Windows .NET Framework, this runs on Mono/Linux):
//   - newlines inside XML text are written as "\r\n" (XmlWriterSettings.NewLineChars);
//   - Uri parsing treats "/path" as a relative URI, as .NET does
//     (MONO_URI_DOTNETRELATIVEORABSOLUTE=true, set before any Uri is created);
//   - a TargetInvocationException that Mono's DCS raises around a parse error is
//     reported as .NET Framework's DataContractSerializer reports it
//     (SerializationException "There was an error deserializing the object of type ...").
// The server's time zone is Asia/Jakarta (+07:00): TZ is set to it when unset.

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;
using Newtonsoft.Json;

namespace H2H.Conformance
{
    internal static class Harness
    {
        // Web API 2: MediaTypeFormatter.SupportedEncodings[0] = new UTF8Encoding(false, true).
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        private static readonly Dictionary<string, Type> TypeCache = new Dictionary<string, Type>(StringComparer.Ordinal);

        private static int Main(string[] args)
        {
            // Must happen before the first Uri / TimeZoneInfo.Local use.
            if (Environment.GetEnvironmentVariable("MONO_URI_DOTNETRELATIVEORABSOLUTE") == null)
                Environment.SetEnvironmentVariable("MONO_URI_DOTNETRELATIVEORABSOLUTE", "true");
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TZ")))
                Environment.SetEnvironmentVariable("TZ", "Asia/Jakarta");

            var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, false), false);
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false, false));
            stdout.NewLine = "\n";
            stdout.AutoFlush = false;

            string line;
            while ((line = stdin.ReadLine()) != null)
            {
                string response;
                try
                {
                    response = Handle(line.Trim());
                }
                catch (Exception e)
                {
                    response = "ERR " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Describe(e)));
                }
                stdout.Write(response);
                stdout.Write('\n');
                stdout.Flush();
            }
            return 0;
        }

        private static string Handle(string line)
        {
            if (line == "ping")
                return "OK";
            if (line.Length == 0)
                throw new ProtocolException("empty request line");

            string[] parts = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts.Length > 3)
                throw new ProtocolException("expected '<op> <ContractName> <base64>', got " + parts.Length + " fields");
            string op = parts[0];
            Type type = ResolveType(parts[1]);
            byte[] input;
            try
            {
                input = parts.Length == 3 ? Convert.FromBase64String(parts[2]) : new byte[0];
            }
            catch (FormatException e)
            {
                throw new ProtocolException("input is not valid base64: " + e.Message);
            }

            object value;
            switch (op)
            {
                case "xml2xml":
                    value = ReadXml(type, input);
                    return Ok(WriteXml(type, value));
                case "xml2json":
                    value = ReadXml(type, input);
                    return Ok(WriteJson(value));
                case "json2json":
                    value = ReadJson(type, input);
                    return Ok(WriteJson(value));
                case "json2xml":
                    value = ReadJson(type, input);
                    return Ok(WriteXml(type, value));
                default:
                    throw new ProtocolException("unknown op '" + op + "' (expected ping, xml2xml, json2json, xml2json, json2xml)");
            }
        }

        private static string Ok(byte[] output)
        {
            return "OK " + Convert.ToBase64String(output);
        }

        // ---- XML: DataContractSerializer as Web API 2's XmlMediaTypeFormatter uses it ----

        // XmlMediaTypeFormatter.CreateXmlReader: XmlDictionaryReader.CreateTextReader over the
        // body with the effective encoding (UTF-8) and FormattingUtilities.CreateDefaultReaderQuotas().
        private static object ReadXml(Type type, byte[] input)
        {
            var quotas = new XmlDictionaryReaderQuotas
            {
                MaxArrayLength = int.MaxValue,
                MaxBytesPerRead = int.MaxValue,
                MaxDepth = 256,
                MaxNameTableCharCount = int.MaxValue,
                MaxStringContentLength = int.MaxValue,
            };
            var serializer = new DataContractSerializer(type);
            using (var stream = new MemoryStream(input, false))
            using (XmlDictionaryReader reader = XmlDictionaryReader.CreateTextReader(stream, Utf8, quotas, null))
            {
                try
                {
                    return serializer.ReadObject(reader);
                }
                catch (TargetInvocationException e)
                {
                    // .NET Framework's DCS does not go through reflection here; it wraps
                    // XmlException / FormatException from the reader like this.
                    Exception inner = Unwrap(e);
                    if (inner is XmlException || inner is FormatException)
                        throw new SerializationException(
                            "There was an error deserializing the object of type " + DataContractTypeName(type) + ". " + inner.Message,
                            inner);
                    throw inner;
                }
            }
        }

        // XmlMediaTypeFormatter.WriterSettings (OmitXmlDeclaration, CheckCharacters = false,
        // CloseOutput = false) + Encoding = UTF-8 without BOM; NewLineChars pinned to Windows.
        private static byte[] WriteXml(Type type, object value)
        {
            var settings = new XmlWriterSettings
            {
                OmitXmlDeclaration = true,
                CloseOutput = false,
                CheckCharacters = false,
                Encoding = Utf8,
                Indent = false,
                NewLineHandling = NewLineHandling.Replace,
                NewLineChars = "\r\n",
            };
            var serializer = new DataContractSerializer(type);
            using (var stream = new MemoryStream())
            {
                using (XmlWriter writer = XmlWriter.Create(stream, settings))
                {
                    serializer.WriteObject(writer, value);
                    writer.Flush();
                }
                return stream.ToArray();
            }
        }

        // ---- JSON: Json.NET, default settings but Web API 2's IgnoreSerializableAttribute ----

        // System.Net.Http.Formatting's JsonContractResolver sets IgnoreSerializableAttribute =
        // false ("to have [Serializable] types serialized correctly"): a [Serializable] class
        // is written as its fields, auto-properties as <name>k__BackingField. Nothing else here
        // depends on it.
        private static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.DefaultContractResolver
            {
                IgnoreSerializableAttribute = false,
            },
        };

        private static object ReadJson(Type type, byte[] input)
        {
            string text;
            // Strict UTF-8 (Web API 2 reads with UTF8Encoding(false, true)); a BOM is skipped.
            using (var reader = new StreamReader(new MemoryStream(input, false), Utf8, true))
                text = reader.ReadToEnd();
            return JsonConvert.DeserializeObject(text, type, JsonSettings);
        }

        private static byte[] WriteJson(object value)
        {
            string text = JsonConvert.SerializeObject(value, JsonSettings);
            return Utf8.GetBytes(text);
        }

        // ---- contract lookup ----

        private static Type ResolveType(string name)
        {
            Type cached;
            if (TypeCache.TryGetValue(name, out cached))
                return cached;
            Type t = ResolveTypeUncached(name);
            TypeCache[name] = t;
            return t;
        }

        private static Type ResolveTypeUncached(string name)
        {
            if (name.EndsWith("[]", StringComparison.Ordinal))
                return ResolveType(name.Substring(0, name.Length - 2)).MakeArrayType();
            if (name.StartsWith("List<", StringComparison.Ordinal) && name.EndsWith(">", StringComparison.Ordinal))
                return typeof(List<>).MakeGenericType(ResolveType(name.Substring(5, name.Length - 6)));

            var matches = new List<Type>();
            foreach (Type t in ContractTypes())
            {
                if (t.FullName == name)
                    return t;
                if (t.Name == name)
                    matches.Add(t);
            }
            if (matches.Count == 1)
                return matches[0];
            if (matches.Count > 1)
            {
                var names = new List<string>();
                foreach (Type t in matches)
                    names.Add(t.FullName);
                throw new ProtocolException("contract name '" + name + "' is ambiguous: " + string.Join(", ", names.ToArray()) + "; use the full name");
            }
            // Built-in types for root values (String, Int32, ...).
            Type system = typeof(string).Assembly.GetType("System." + name, false);
            if (system != null)
                return system;
            throw new ProtocolException("no contract type named '" + name + "'");
        }

        private static IEnumerable<Type> ContractTypes()
        {
            Type[] types;
            try
            {
                types = typeof(Harness).Assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }
            foreach (Type t in types)
            {
                if (t == null || t.Namespace == typeof(Harness).Namespace)
                    continue;
                // DataAnnotationsShim.cs, when build.sh compiled it in.
                if (t.Namespace == "System.ComponentModel.DataAnnotations")
                    continue;
                // Compiler-generated helpers (<>c, <PrivateImplementationDetails>) are not contracts.
                if (t.Name.IndexOf('<') >= 0)
                    continue;
                yield return t;
            }
        }

        // ---- errors ----

        private static Exception Unwrap(Exception e)
        {
            while (e is TargetInvocationException && e.InnerException != null)
                e = e.InnerException;
            return e;
        }

        private static string DataContractTypeName(Type type)
        {
            return type.FullName;
        }

        private static string Describe(Exception e)
        {
            var sb = new StringBuilder();
            bool first = true;
            for (Exception cur = e; cur != null; cur = cur.InnerException)
            {
                if (cur is TargetInvocationException && cur.InnerException != null)
                    continue;
                if (!first)
                    sb.Append("\n  inner ");
                if (cur is ProtocolException)
                    sb.Append(cur.Message);
                else
                    sb.Append(cur.GetType().FullName).Append(": ").Append(cur.Message);
                first = false;
            }
            return sb.ToString();
        }
    }

    /// <summary>A malformed request line (not an error of the serializers).</summary>
    internal sealed class ProtocolException : Exception
    {
        public ProtocolException(string message) : base("harness: " + message) { }
    }
}
