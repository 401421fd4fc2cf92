namespace Ocean.Utilities.False;

using System.Runtime.InteropServices;

/// <summary>false: does nothing, unsuccessfully.</summary>
public static class Program
{
    private const int Failure = 1;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => Failure;
}
