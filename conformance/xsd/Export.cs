// h2h XSD oracle: runs WCF's XsdDataContractExporter (System.Runtime.Serialization, Mono's copy
// of .NET Framework's reference source) on every contract type of a compiled contracts file
// (conformance/dotnet/generated/<target>.cs) and writes what it exports.
//
//   mono export.exe <out-dir>
//
// For every class and enum of the contracts (sorted by full name), a fresh exporter exports
// that type alone (with what it references) into <out-dir>/<full name>/, one file per schema
// of the XmlSchemaSet: <file name of its target namespace>.xsd. When the exporter refuses the
// type, <out-dir>/<full name>/error.txt holds the exception chain ("Type: message", then one
// "  inner Type: message" line per inner exception) and nothing else is written there.
// Then one exporter exports every type it accepted alone, in that order, into <out-dir>/all/.
//
// The schemas are written as XmlSchema.Write writes them to an XmlWriter: UTF-8 without BOM,
// the XML declaration, two-space indentation, "\n" newlines. The set's stub schema of XML
// Schema's own namespace is left out.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace H2H.Conformance
{
    internal static class XsdExport
    {
        private static int Main(string[] args)
        {
            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: mono export.exe <out-dir>");
                return 2;
            }
            string outDir = args[0];
            var types = Assembly.GetExecutingAssembly().GetTypes()
                .Where(t => t.Namespace != "H2H.Conformance" && !t.IsNested
                            && (t.IsClass || t.IsEnum) && t.IsPublic)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
            int refused = 0;
            var accepted = new List<Type>();
            foreach (var type in types)
            {
                string dir = Path.Combine(outDir, type.FullName);
                Directory.CreateDirectory(dir);
                var exporter = new XsdDataContractExporter();
                try
                {
                    exporter.Export(type);
                    Write(exporter.Schemas, dir);
                    accepted.Add(type);
                }
                catch (Exception e)
                {
                    refused++;
                    File.WriteAllText(Path.Combine(dir, "error.txt"), Describe(e) + "\n", new UTF8Encoding(false));
                }
            }
            // A refused type leaves its half-made schema in the exporter: only the accepted ones.
            var all = new XsdDataContractExporter();
            foreach (var type in accepted)
                all.Export(type);
            string allDir = Path.Combine(outDir, "all");
            Directory.CreateDirectory(allDir);
            Write(all.Schemas, allDir);
            Console.WriteLine("{0} types exported, {1} refused", types.Count - refused, refused);
            return 0;
        }

        private static void Write(XmlSchemaSet set, string dir)
        {
            set.Compile();
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
            };
            foreach (XmlSchema schema in set.Schemas())
            {
                // The stub of XML Schema's own namespace (one element, `schema`) that the
                // exporter adds only so that the set compiles: not part of the export.
                if (schema.TargetNamespace == XmlSchema.Namespace)
                    continue;
                string path = Path.Combine(dir, FileName(schema.TargetNamespace) + ".xsd");
                using (var stream = new MemoryStream())
                {
                    using (var writer = XmlWriter.Create(stream, settings))
                        schema.Write(writer);
                    var bytes = stream.ToArray();
                    using (var file = File.Create(path))
                    {
                        file.Write(bytes, 0, bytes.Length);
                        file.WriteByte((byte)'\n');
                    }
                }
            }
        }

        // The file of a target namespace: the text after DCS's default prefix
        // (http://schemas.datacontract.org/2004/07/), else after the scheme, with every
        // character but letters, digits, '.', '-' and '_' as '_'. The same rule as
        // xtask/src/codegen/xsd.rs's file_name.
        private static string FileName(string ns)
        {
            const string prefix = "http://schemas.datacontract.org/2004/07/";
            const string serialization = "http://schemas.microsoft.com/2003/10/Serialization/";
            string name;
            if (ns == serialization) name = "Serialization";
            else if (ns == serialization + "Arrays") name = "Arrays";
            else if (ns.StartsWith(prefix, StringComparison.Ordinal)) name = ns.Substring(prefix.Length);
            else
            {
                int scheme = ns.IndexOf("://", StringComparison.Ordinal);
                name = scheme >= 0 ? ns.Substring(scheme + 3) : ns;
            }
            var sb = new StringBuilder();
            foreach (char c in name)
                sb.Append(char.IsLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' ? c : '_');
            return sb.ToString();
        }

        private static string Describe(Exception e)
        {
            var sb = new StringBuilder();
            sb.Append(e.GetType().FullName).Append(": ").Append(e.Message);
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                sb.Append("\n  inner ").Append(inner.GetType().FullName).Append(": ").Append(inner.Message);
            return sb.ToString();
        }
    }
}
