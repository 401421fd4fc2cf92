namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>
/// What the image was composed of, for user programs: each boot module's package identity (the
/// shell's `version`) and its bytes (init's service list; the VFS's /boot later).
/// </summary>
public static unsafe class BootModuleCalls
{
    private const int MaxPackageIdentity = 128;

    /// <summary>boot_package(index, buffer, length): index 0 is the kernel itself, then the boot modules in order.</summary>
    public static long Package(long index, ulong buffer, ulong length)
    {
        if (index < 0 || index > int.MaxValue)
            return -Errno.ENOENT;
        byte* identity = stackalloc byte[MaxPackageIdentity];
        int size = 0;
        if (index == 0)
        {
            const string kernel = BuildInfo.PackageId + "@" + BuildInfo.Version;
            for (; size < kernel.Length && size < MaxPackageIdentity; size++)
                identity[size] = (byte)kernel[size];
        }
        else
        {
            byte[] package = BootModules.Loaded == null ? null : BootModules.Loaded.Package((int)(index - 1));
            if (package == null)
                return -Errno.ENOENT;
            for (; size < package.Length && size < MaxPackageIdentity; size++)
                identity[size] = package[size];
        }
        long error = UserMemory.CopyTo(buffer, identity, length < (ulong)size ? length : (ulong)size);
        return error != 0 ? error : size;
    }

    /// <summary>boot_module_info(index, info): module index's size and path.</summary>
    public static long Describe(long index, ulong infoAddress)
    {
        BootModules modules = BootModules.Loaded;
        if (modules == null || index < 0 || index >= modules.Count)
            return -Errno.ENOENT;
        BootModuleInfo info = default;
        byte[] path = modules.Path((int)index);
        info.Size = modules.Size((int)index);
        info.PathLength = path.Length < BootModuleInfo.PathBytes ? path.Length : BootModuleInfo.PathBytes - 1;
        for (int i = 0; i < info.PathLength; i++)
            info.Path[i] = path[i];
        return UserMemory.CopyTo(infoAddress, &info, (ulong)sizeof(BootModuleInfo));
    }

    /// <summary>boot_module_read(path, offset, buffer, length) → bytes copied; 0 at or past the end.</summary>
    public static long Read(ulong pathAddress, ulong offset, ulong buffer, ulong length)
    {
        byte[] path = UserMemory.CopyString(pathAddress, SyscallLimits.MaxPathLength + 1, out long error);
        if (path == null)
            return error;
        bool found;
        byte* image = null;
        ulong size = 0;
        fixed (byte* p = path)
            found = BootModules.Loaded != null && BootModules.Loaded.Find(p, path.Length, out image, out size);
        KernelHeap.Free(path);
        if (!found)
            return -Errno.ENOENT;
        if (offset >= size)
            return 0;
        ulong count = size - offset < length ? size - offset : length;
        error = UserMemory.CopyTo(buffer, image + offset, count);
        return error != 0 ? error : (long)count;
    }
}
