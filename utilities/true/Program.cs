namespace Ocean.Utilities.True;

using System.Runtime.InteropServices;

/// <summary>true: does nothing, successfully.</summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => 0;
}
