namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Path resolution: a path is made canonical (<see cref="PathName"/>: absolute, no ".", ".." or
/// doubled '/'), then walked from the RAM root one name at a time, crossing into a mounted file
/// system where a directory has one (<see cref="MountTable.Cross"/>) and asking it from there on.
/// </summary>
public static unsafe class Namespace
{
    private const int CanonicalBytes = VfsProtocol.MaxPathBytes + 2;

    /// <summary>The RAM file system at "/", under every mount.</summary>
    public static RamFileSystem Ram { get; private set; }

    public static void Initialize() => Ram = new RamFileSystem();

    /// <summary>Where <paramref name="path"/> leads; ENOENT, ENOTDIR or ENAMETOOLONG otherwise.</summary>
    public static long Resolve(byte* path, int length, out Location location)
    {
        location = default;
        if (!IsAbsolute(path, length))
            return -Errno.EINVAL;
        byte* canonical = stackalloc byte[CanonicalBytes];
        int canonicalLength = Canonical(path, length, canonical);
        if (canonicalLength < 0)
            return -Errno.ENAMETOOLONG;
        return Walk(canonical, canonicalLength, out location);
    }

    /// <summary>
    /// The directory that would hold <paramref name="path"/> and the last name (copied into
    /// <paramref name="name"/>, room for <see cref="VfsProtocol.MaxNameBytes"/>); EINVAL for "/" itself.
    /// </summary>
    public static long ResolveParent(byte* path, int length, out Location parent, byte* name, out int nameLength)
    {
        parent = default;
        nameLength = 0;
        if (!IsAbsolute(path, length))
            return -Errno.ENOENT;   // not EINVAL: callers read that as "the root"
        byte* canonical = stackalloc byte[CanonicalBytes];
        int canonicalLength = Canonical(path, length, canonical);
        if (canonicalLength < 0)
            return -Errno.ENAMETOOLONG;
        if (canonicalLength == 1)
            return -Errno.EINVAL;   // the root has no parent to be created in or removed from
        int slash = canonicalLength - 1;
        while (canonical[slash] != (byte)'/')
            slash--;
        nameLength = canonicalLength - slash - 1;
        if (nameLength > VfsProtocol.MaxNameBytes)
            return -Errno.ENAMETOOLONG;
        for (int i = 0; i < nameLength; i++)
            name[i] = canonical[slash + 1 + i];
        long result = Walk(canonical, slash == 0 ? 1 : slash, out parent);
        if (result == 0 && parent.Kind != VfsNodeKind.Directory)
            return -Errno.ENOTDIR;
        return result;
    }

    // The protocol's paths are absolute: a relative or empty one is a malformed request, not one from "/".
    private static bool IsAbsolute(byte* path, int length) => length > 0 && path[0] == (byte)'/';

    private static int Canonical(byte* path, int length, byte* canonical)
    {
        if (length > VfsProtocol.MaxPathBytes)
            return -1;
        byte* root = stackalloc byte[2];
        root[0] = (byte)'/';
        root[1] = 0;
        return PathName.Resolve(root, path, length, canonical, CanonicalBytes);
    }

    private static long Walk(byte* canonical, int length, out Location location)
    {
        location = new Location { FileSystem = Ram, Node = Ram.Root, Kind = VfsNodeKind.Directory };
        for (int i = 1; i < length;)
        {
            int start = i;
            while (i < length && canonical[i] != (byte)'/')
                i++;
            int nameLength = i - start;
            i++;
            if (location.Kind != VfsNodeKind.Directory)
                return -Errno.ENOTDIR;
            if (nameLength > VfsProtocol.MaxNameBytes)
                return -Errno.ENAMETOOLONG;
            long result = location.FileSystem.Lookup(location.Node, canonical + start, nameLength, out ulong node, out VfsNodeKind kind, out ulong size);
            if (result < 0)
                return result;
            location = MountTable.Cross(new Location { FileSystem = location.FileSystem, Node = node, Kind = kind, Size = size });
        }
        return 0;
    }
}
