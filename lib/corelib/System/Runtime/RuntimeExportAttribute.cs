namespace System.Runtime;

/// <summary>Exports a managed method under a fixed native symbol name (matched by ilc by name).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RuntimeExportAttribute : Attribute
{
    public RuntimeExportAttribute(string entry) { }
}

/// <summary>Turns an extern method into a direct call to a native symbol (matched by ilc by name).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RuntimeImportAttribute : Attribute
{
    public RuntimeImportAttribute(string lib) { }
    public RuntimeImportAttribute(string lib, string entry) { }
}
