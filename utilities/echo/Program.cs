namespace Ocean.Utilities.Echo;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>echo [word...]: prints the words separated by blanks, then a line end.</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            if (i > 1)
                Stdio.Write(' ');
            Stdio.Write(Runtime.Argument(i));
        }
        Stdio.Write('\n');
        return 0;
    }
}
