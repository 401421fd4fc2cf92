namespace Ocean.Abi;

/// <summary>What boot_module_info reports about one boot module (for the VFS's /boot and /bin).</summary>
public unsafe struct BootModuleInfo
{
    public const int PathBytes = 128;

    public ulong Size;
    public int PathLength;
    /// <summary>The module's path as the bootloader gave it ("/boot/ocean/sh.elf"), NUL-terminated.</summary>
    public fixed byte Path[PathBytes];
}
