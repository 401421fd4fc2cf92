#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;

/// <summary>Locates files of the Ocean source tree from the test binary's directory.</summary>
internal static class RepositoryPaths
{
    public static string? Root { get; } = FindRoot();

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "kernel", "Ocean.Kernel.csproj")))
                return dir.FullName;
        return null;
    }

    /// <summary>The built kernel (kernel/bin/&lt;configuration&gt;/net10.0/kernel.elf), or null when it has not been built.</summary>
    public static string? KernelElf
    {
        get
        {
            if (Root == null)
                return null;
            string bin = Path.Combine(Root, "kernel", "bin");
            if (!Directory.Exists(bin))
                return null;
            return Directory.GetDirectories(bin)
                .Select(configuration => Path.Combine(configuration, "net10.0", "kernel.elf"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
        }
    }
}

/// <summary>A fact that runs only when the kernel has been built; otherwise it is reported as skipped.</summary>
public sealed class KernelBuiltFactAttribute : FactAttribute
{
    public KernelBuiltFactAttribute()
    {
        if (RepositoryPaths.KernelElf == null)
            Skip = "kernel.elf not built (dotnet build kernel/Ocean.Kernel.csproj)";
    }
}

/// <summary>A fact that needs Linux on x86-64 (mmap with MAP_32BIT); elsewhere it is reported as skipped.</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            Skip = "needs memory below 4 GiB: Linux x86-64 only (mmap MAP_32BIT)";
    }
}

/// <summary>
/// Memory whose addresses fit in 32 bits, for structures that hold 32-bit physical pointers (Multiboot 1).
/// Linux on x86-64 places MAP_32BIT mappings in the first 2 GiB. A bump allocator hands out pieces.
/// </summary>
internal sealed unsafe class LowMemory : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, Map32Bit = 0x40;

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr mmap(IntPtr address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(IntPtr address, nuint length);

    private readonly byte* _base;
    private readonly nuint _size;
    private nuint _used;

    public LowMemory(int size = 1 << 16)
    {
        _size = (nuint)size;
        IntPtr p = mmap(IntPtr.Zero, _size, ProtRead | ProtWrite, MapPrivate | MapAnonymous | Map32Bit, -1, 0);
        if (p == new IntPtr(-1))
            throw new InvalidOperationException($"mmap(MAP_32BIT) failed: errno {Marshal.GetLastPInvokeError()}");
        _base = (byte*)p;
        if ((ulong)_base + _size > uint.MaxValue)
            throw new InvalidOperationException($"MAP_32BIT returned {(ulong)_base:x}, above 4 GiB");
    }

    /// <summary>Copies <paramref name="data"/> (8-byte aligned) and returns its 32-bit address.</summary>
    public uint Put(ReadOnlySpan<byte> data)
    {
        byte* at = Allocate(data.Length);
        data.CopyTo(new Span<byte>(at, data.Length));
        return (uint)(ulong)at;
    }

    public byte* Allocate(int length)
    {
        nuint aligned = (_used + 7) & ~(nuint)7;
        if (aligned + (nuint)length > _size)
            throw new InvalidOperationException("LowMemory exhausted");
        _used = aligned + (nuint)length;
        return _base + aligned;
    }

    public void Dispose() => munmap((IntPtr)_base, _size);
}
