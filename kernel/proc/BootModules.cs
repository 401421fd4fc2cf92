namespace Ocean.Kernel.Proc;

using Ocean.Kernel.Boot;
using Ocean.Kernel.Boot.Limine;

/// <summary>
/// The boot modules as a program source: a program is named by its full path ("/boot/ocean/sh.elf"),
/// as "/bin/sh", or just "sh". The module table is copied at boot (the bootloader's lives in
/// reclaimable memory); the module data itself stays reserved.
/// </summary>
public sealed unsafe class BootModules : ProgramSource
{
    private const int MaxModules = 64;
    private const int MaxPath = 128;

    private readonly byte[][] _paths = new byte[MaxModules][];
    /// <summary>The first word of each module's command line: its package and version ("Ocean.Servers.Sh@0.8.1").</summary>
    private readonly byte[][] _packages = new byte[MaxModules][];
    private readonly ulong[] _addresses = new ulong[MaxModules];
    private readonly ulong[] _sizes = new ulong[MaxModules];
    private int _count;

    public int Count => _count;

    /// <summary>The modules the bootloader loaded (set once at boot).</summary>
    public static BootModules Loaded { get; private set; }

    /// <summary>Module <paramref name="index"/>'s package and version, or null.</summary>
    public byte[] Package(int index) => index >= 0 && index < _count ? _packages[index] : null;

    /// <summary>Module <paramref name="index"/>'s path (valid index only).</summary>
    public byte[] Path(int index) => _paths[index];

    public ulong Size(int index) => _sizes[index];

    /// <summary>A copy of the first blank-separated word of a C string (empty for none).</summary>
    public static byte[] FirstWord(byte* text)
    {
        int length = 0;
        while (text != null && text[length] != 0 && text[length] != (byte)' ' && length < MaxPath)
            length++;
        var word = new byte[length];
        for (int k = 0; k < length; k++)
            word[k] = text[k];
        return word;
    }

    public static BootModules FromBootloader()
    {
        var modules = new BootModules();
        LimineModuleResponse* response = BootRequests.Modules;
        Loaded = modules;
        if (response == null)
            return modules;
        for (ulong i = 0; i < response->ModuleCount && modules._count < MaxModules; i++)
        {
            LimineFile* file = response->Modules[i];
            int length = 0;
            while (file->Path[length] != 0 && length < MaxPath)
                length++;
            var path = new byte[length];
            for (int k = 0; k < length; k++)
                path[k] = file->Path[k];
            modules._paths[modules._count] = path;
            modules._packages[modules._count] = FirstWord(file->Cmdline);
            modules._addresses[modules._count] = (ulong)file->Address;
            modules._sizes[modules._count] = file->Size;
            modules._count++;
        }
        Loaded = modules;
        return modules;
    }

    public override bool Find(byte* path, int length, out byte* image, out ulong size)
    {
        image = null;
        size = 0;
        for (int i = 0; i < _count; i++)
        {
            if (!Matches(_paths[i], path, length))
                continue;
            image = (byte*)_addresses[i];
            size = _sizes[i];
            return true;
        }
        return false;
    }

    // Full path, "/bin/<name>" or "<name>", where <name> is the file name without ".elf".
    private static bool Matches(byte[] modulePath, byte* path, int length)
    {
        if (Equal(modulePath, 0, modulePath.Length, path, length))
            return true;
        int nameStart = modulePath.Length;
        while (nameStart > 0 && modulePath[nameStart - 1] != '/')
            nameStart--;
        int nameEnd = modulePath.Length;
        if (nameEnd - nameStart > 4 && modulePath[nameEnd - 4] == '.' && modulePath[nameEnd - 3] == 'e' &&
            modulePath[nameEnd - 2] == 'l' && modulePath[nameEnd - 1] == 'f')
            nameEnd -= 4;
        const int BinPrefix = 5;   // "/bin/"
        if (length > BinPrefix && path[0] == '/' && path[1] == 'b' && path[2] == 'i' && path[3] == 'n' && path[4] == '/')
            return Equal(modulePath, nameStart, nameEnd - nameStart, path + BinPrefix, length - BinPrefix);
        return Equal(modulePath, nameStart, nameEnd - nameStart, path, length);
    }

    private static bool Equal(byte[] a, int start, int count, byte* b, int length)
    {
        if (count != length)
            return false;
        for (int i = 0; i < count; i++)
            if (a[start + i] != b[i])
                return false;
        return true;
    }
}
