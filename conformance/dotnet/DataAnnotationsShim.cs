// Stand-ins for System.ComponentModel.DataAnnotations attributes, compiled into the harness by
// build.sh only when this Mono lacks System.ComponentModel.DataAnnotations.dll
// (Debian: libmono-system-componentmodel-dataannotations4.0-cil). Neither DataContractSerializer
// nor Json.NET reads these attributes, so contracts that carry them serialize identically;
// the shim only lets such contracts compile.
namespace System.ComponentModel.DataAnnotations
{
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class RequiredAttribute : Attribute
    {
        public bool AllowEmptyStrings { get; set; }
        public string ErrorMessage { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class StringLengthAttribute : Attribute
    {
        public StringLengthAttribute(int maximumLength) { MaximumLength = maximumLength; }
        public int MaximumLength { get; private set; }
        public int MinimumLength { get; set; }
        public string ErrorMessage { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class MaxLengthAttribute : Attribute
    {
        public MaxLengthAttribute() { Length = -1; }
        public MaxLengthAttribute(int length) { Length = length; }
        public int Length { get; private set; }
        public string ErrorMessage { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class MinLengthAttribute : Attribute
    {
        public MinLengthAttribute(int length) { Length = length; }
        public int Length { get; private set; }
        public string ErrorMessage { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class RangeAttribute : Attribute
    {
        public RangeAttribute(int minimum, int maximum) { Minimum = minimum; Maximum = maximum; }
        public RangeAttribute(double minimum, double maximum) { Minimum = minimum; Maximum = maximum; }
        public RangeAttribute(Type type, string minimum, string maximum) { Minimum = minimum; Maximum = maximum; }
        public object Minimum { get; private set; }
        public object Maximum { get; private set; }
        public string ErrorMessage { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
    public class RegularExpressionAttribute : Attribute
    {
        public RegularExpressionAttribute(string pattern) { Pattern = pattern; }
        public string Pattern { get; private set; }
        public string ErrorMessage { get; set; }
    }
}
