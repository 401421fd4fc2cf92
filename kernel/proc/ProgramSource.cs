namespace Ocean.Kernel.Proc;

/// <summary>
/// Where exec finds programs. Today the boot modules (<see cref="BootModules"/>); the VFS will
/// provide another source behind the same abstraction.
/// </summary>
public abstract unsafe class ProgramSource
{
    /// <summary>The file named <paramref name="path"/> (ASCII, <paramref name="length"/> bytes), if any.</summary>
    public abstract bool Find(byte* path, int length, out byte* image, out ulong size);
}
