namespace Ocean.Abi;

using System.Runtime.InteropServices;

/// <summary>
/// process_exec's arguments, which the process server fills from an exec request: every address is
/// in the memory of the process being replaced (the server's caller), which the kernel reads while it waits.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ExecArguments
{
    /// <summary>The program's path (a NUL-terminated string).</summary>
    public ulong Path;
    /// <summary>Null-terminated arrays of NUL-terminated strings; 0 for none.</summary>
    public ulong Argv, Envp;
    /// <summary>The ELF image in the caller's memory and its size; size 0: the boot module named by the path.</summary>
    public ulong Image, ImageSize;
}
