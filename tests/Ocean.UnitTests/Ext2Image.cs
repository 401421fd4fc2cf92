namespace Ocean.UnitTests;

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Ocean.Abi;
using Ocean.Protocols;
using Ocean.Servers.Ext2;

/// <summary>
/// An ext2 image made by Debian's e2fsprogs, held in native memory as a <see cref="BlockDevice"/> for
/// the ext2 core, written back to its file so e2fsck and debugfs can judge what the core did.
/// </summary>
public sealed unsafe class Ext2Image : IDisposable
{
    public const string Mke2fs = "/usr/sbin/mke2fs", E2fsck = "/usr/sbin/e2fsck", Debugfs = "/usr/sbin/debugfs";

    private struct HostDisk
    {
        public byte* Data;
        public ulong Bytes;
    }

    private readonly string _directory;
    private HostDisk* _disk;

    public string Path { get; }

    private Ext2Image(string directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    /// <summary>Makes an image with mke2fs (<paramref name="options"/> as separate words) holding what <paramref name="populate"/> writes.</summary>
    public static Ext2Image Make(string size, Action<string> populate, params string[] options)
    {
        AssertToolsPresent();
        string directory = Directory.CreateTempSubdirectory("ocean-ext2-").FullName;
        string source = System.IO.Path.Combine(directory, "source");
        Directory.CreateDirectory(source);
        populate?.Invoke(source);
        string path = System.IO.Path.Combine(directory, "image");
        var arguments = new List<string> { "-q", "-F", "-t", "ext2" };
        arguments.AddRange(options);
        arguments.AddRange(new[] { "-d", source, path, size });
        var (status, output) = Run(Mke2fs, arguments.ToArray());
        Assert.True(status == 0, $"mke2fs failed: {output}");
        return new Ext2Image(directory, path);
    }

    public static void AssertToolsPresent()
    {
        // build.sh installs e2fsprogs; a missing tool is a failed test, not a skipped one.
        foreach (string tool in new[] { Mke2fs, E2fsck, Debugfs })
            Assert.True(File.Exists(tool), $"{tool} is missing: install e2fsprogs (build.sh does)");
    }

    public static (int Status, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEndAsync().Result;
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public static byte[] RunBytes(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        _ = error.Result;
        return memory.ToArray();
    }

    /// <summary>Loads the image file into memory and returns the device over it.</summary>
    public BlockDevice Open()
    {
        Close();
        byte[] bytes = File.ReadAllBytes(Path);
        _disk = (HostDisk*)NativeMemory.AllocZeroed((nuint)sizeof(HostDisk));
        _disk->Bytes = (ulong)bytes.Length;
        _disk->Data = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        fixed (byte* source = bytes)
            System.Buffer.MemoryCopy(source, _disk->Data, bytes.Length, bytes.Length);
        return new MemoryDisk(_disk);
    }

    /// <summary>Writes the memory image back to the file (what reached the "device").</summary>
    public void Save()
    {
        var bytes = new byte[_disk->Bytes];
        fixed (byte* destination = bytes)
            System.Buffer.MemoryCopy(_disk->Data, destination, bytes.Length, bytes.Length);
        File.WriteAllBytes(Path, bytes);
    }

    public Ext2Volume Mount(bool readOnly = false)
    {
        Ext2Volume volume = Ext2Volume.Mount(Open(), readOnly, out long error, out string message);
        Assert.True(volume != null, $"mount failed: {message} ({error})");
        volume.Now = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return volume;
    }

    /// <summary>Unmounts, saves and runs <c>e2fsck -fn</c>, which must find nothing to fix.</summary>
    public void UnmountAndCheck(Ext2Volume volume)
    {
        Assert.Equal(0, volume.Unmount());
        Save();
        AssertClean();
    }

    public void AssertClean()
    {
        var (status, output) = Run(E2fsck, "-fn", Path);
        Assert.True(status == 0, $"e2fsck -fn exited {status}:\n{output}");
    }

    public byte[] DebugfsCat(string path) => RunBytes(Debugfs, "-R", $"cat {path}", Path);

    public string DebugfsLs(string path) => Run(Debugfs, "-R", $"ls {path}", Path).Output;

    // The "device": the image in native memory, sector by sector.
    private sealed class MemoryDisk(HostDisk* disk) : BlockDevice
    {
        public override ulong SectorCount => disk->Bytes / SectorSize;

        public override long Read(ulong sector, uint count, byte* buffer)
        {
            ulong bytes = (ulong)count * SectorSize;
            if ((sector + count) * SectorSize > disk->Bytes)
                return -Errno.EIO;
            System.Buffer.MemoryCopy(disk->Data + sector * SectorSize, buffer, (long)bytes, (long)bytes);
            return 0;
        }

        public override long Write(ulong sector, uint count, byte* buffer)
        {
            ulong bytes = (ulong)count * SectorSize;
            if ((sector + count) * SectorSize > disk->Bytes)
                return -Errno.EIO;
            System.Buffer.MemoryCopy(buffer, disk->Data + sector * SectorSize, (long)bytes, (long)bytes);
            return 0;
        }

        public override long Flush() => 0;
    }

    private void Close()
    {
        if (_disk == null)
            return;
        NativeMemory.Free(_disk->Data);
        NativeMemory.Free(_disk);
        _disk = null;
    }

    public void Dispose()
    {
        Close();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }

    /// <summary>Deterministic test content.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        uint state = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < length; i++)
        {
            state = state * 1664525u + 1013904223u;
            data[i] = (byte)(state >> 24);
        }
        return data;
    }
}

/// <summary>String and path conveniences over the pointer API of <see cref="Ext2Volume"/>.</summary>
public static unsafe class Ext2VolumeExtensions
{
    public static long Lookup(this Ext2Volume volume, uint directory, string name, out uint node)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
            return volume.Lookup(directory, p, bytes.Length, out node);
    }

    /// <summary>The node at an absolute path, or a negative errno.</summary>
    public static long Resolve(this Ext2Volume volume, string path, out uint node)
    {
        node = Ext2Volume.Root;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            long error = volume.Lookup(node, part, out node);
            if (error < 0)
                return error;
        }
        return 0;
    }

    public static uint Node(this Ext2Volume volume, string path)
    {
        long error = volume.Resolve(path, out uint node);
        Assert.True(error == 0, $"{path}: error {error}");
        return node;
    }

    public static byte[] ReadAll(this Ext2Volume volume, string path)
    {
        uint node = volume.Node(path);
        Assert.Equal(0, volume.GetAttributes(node, out NodeAttributes attributes));
        var data = new byte[attributes.Size];
        ulong done = 0;
        fixed (byte* p = data)
            while (done < attributes.Size)
            {
                // Odd chunk sizes exercise reads that straddle blocks.
                ulong chunk = Math.Min(attributes.Size - done, 100_003);
                long read = volume.Read(node, done, p + done, chunk);
                Assert.True(read > 0, $"{path}: read at {done} returned {read}");
                done += (ulong)read;
            }
        return data;
    }

    public static long Write(this Ext2Volume volume, uint node, ulong offset, byte[] data)
    {
        fixed (byte* p = data)
            return volume.Write(node, offset, p, (ulong)data.Length);
    }

    public static uint CreateNode(this Ext2Volume volume, string path, VfsNodeKind kind)
    {
        SplitParent(volume, path, out uint parent, out byte[] name);
        long error;
        uint node;
        fixed (byte* p = name)
            error = volume.Create(parent, p, name.Length, kind, out node);
        Assert.True(error == 0, $"create {path}: error {error}");
        return node;
    }

    public static uint WriteFile(this Ext2Volume volume, string path, byte[] data)
    {
        uint node = volume.CreateNode(path, VfsNodeKind.File);
        Assert.Equal(data.Length, volume.Write(node, 0, data));
        return node;
    }

    public static long Unlink(this Ext2Volume volume, string path)
    {
        SplitParent(volume, path, out uint parent, out byte[] name);
        fixed (byte* p = name)
            return volume.Unlink(parent, p, name.Length);
    }

    public static long RemoveDirectory(this Ext2Volume volume, string path)
    {
        SplitParent(volume, path, out uint parent, out byte[] name);
        fixed (byte* p = name)
            return volume.RemoveDirectory(parent, p, name.Length);
    }

    public static long Rename(this Ext2Volume volume, string from, string to)
    {
        SplitParent(volume, from, out uint oldParent, out byte[] oldName);
        SplitParent(volume, to, out uint newParent, out byte[] newName);
        fixed (byte* o = oldName)
        fixed (byte* n = newName)
            return volume.Rename(oldParent, o, oldName.Length, newParent, n, newName.Length);
    }

    public static List<string> List(this Ext2Volume volume, string path)
    {
        uint directory = volume.Node(path);
        var names = new List<string>();
        byte* name = stackalloc byte[FsProtocol.MaxNameBytes];
        ulong cursor = 0;
        while (true)
        {
            long result = volume.ReadDirectory(directory, cursor, name, FsProtocol.MaxNameBytes, out DirectoryListing listing);
            Assert.True(result >= 0, $"readdir {path}: error {result}");
            if (result == 0)
                return names;
            names.Add(Encoding.UTF8.GetString(name, listing.NameLength));
            cursor = listing.NextCursor;
        }
    }

    private static void SplitParent(Ext2Volume volume, string path, out uint parent, out byte[] name)
    {
        int slash = path.LastIndexOf('/');
        parent = volume.Node(slash <= 0 ? "/" : path[..slash]);
        name = Encoding.UTF8.GetBytes(path[(slash + 1)..]);
    }
}
