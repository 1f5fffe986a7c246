// Where runtime-user's expected bytes come from (tests/own_contract.rs): run under Mono 6.8,
//   mcs -r:System.Runtime.Serialization -r:System.Xml -r:Newtonsoft.Json.dll Invoice.cs && mono Invoice.exe
// with the XmlMediaTypeFormatter's writer settings, it printed the two lines the test pins.
using System; using System.IO; using System.Text; using System.Runtime.Serialization; using Newtonsoft.Json;
namespace Acme.Billing { public class Invoice { public string Number { get; set; } public decimal Amount { get; set; } public int? Lines { get; set; } } }
class P { static void Main() {
 var v = new Acme.Billing.Invoice { Number = "INV-7", Amount = 1250.50m, Lines = null };
 var ms = new MemoryStream(); var st = new System.Xml.XmlWriterSettings { OmitXmlDeclaration = true, CloseOutput = false, CheckCharacters = false, Encoding = new UTF8Encoding(false), Indent = false }; using (var w = System.Xml.XmlWriter.Create(ms, st)) { new DataContractSerializer(typeof(Acme.Billing.Invoice)).WriteObject(w, v); w.Flush(); }
 Console.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
 Console.WriteLine(JsonConvert.SerializeObject(v));
}}
