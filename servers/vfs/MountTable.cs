namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The mounted file systems, each on a directory of the RAM file system. Each holds a send capability
/// on its server in a slot of its own; a Mount request's capability first lands in <see cref="LandingSlot"/>.
/// </summary>
public static unsafe class MountTable
{
    public const int MaxMounts = 8;
    public const int LandingSlot = 15;
    private const int FirstMountSlot = 16;

    private static readonly Mount[] _mounts = new Mount[MaxMounts];

    public static int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < MaxMounts; i++)
                if (_mounts[i] != null)
                    count++;
            return count;
        }
    }

    /// <summary>The <paramref name="index"/>-th mount in table order, or null.</summary>
    public static Mount At(int index)
    {
        for (int i = 0; i < MaxMounts; i++)
            if (_mounts[i] != null && index-- == 0)
                return _mounts[i];
        return null;
    }

    /// <summary>The mount that is <paramref name="fileSystem"/>, or null (the RAM file system).</summary>
    public static Mount Of(FileSystem fileSystem)
    {
        for (int i = 0; i < MaxMounts; i++)
            if (_mounts[i] != null && _mounts[i] == fileSystem)
                return _mounts[i];
        return null;
    }

    /// <summary>Where a walk that reached <paramref name="location"/> goes on: the root of what is mounted there, if anything.</summary>
    public static Location Cross(Location location)
    {
        if (location.FileSystem != Namespace.Ram)
            return location;
        Node node = Namespace.Ram.NodeOf(location.Node);
        if (node == null || node.MountedHere == null)
            return location;
        return new Location { FileSystem = node.MountedHere, Node = node.MountedHere.Root, Kind = VfsNodeKind.Directory, Size = node.Size };
    }

    /// <summary>
    /// Mounts the server whose capability waits in the landing slot on the RAM directory
    /// <paramref name="point"/>. A directory whose server has died may be mounted over again
    /// (a restarted file system server mounts itself once more).
    /// </summary>
    public static long Add(Node point, bool readOnly, ulong* nameWords, ulong root)
    {
        if (point.MountedHere != null)
        {
            if (point.MountedHere.Server.IsAlive())
                return -Errno.EBUSY;
            Remove(point.MountedHere);   // its server is gone
        }
        else if (point.FirstChild != null)
            return -Errno.ENOTEMPTY;
        int index = 0;
        while (index < MaxMounts && _mounts[index] != null)
            index++;
        if (index == MaxMounts)
            return -Errno.ENOSPC;
        if (Ipc.Move(LandingSlot, FirstMountSlot + index) < 0)
            return -Errno.EINVAL;
        var name = new byte[VfsProtocol.MountNameWords * 8 + 1];
        fixed (byte* text = name)
            MessageText.Unpack(nameWords, VfsProtocol.MountNameWords, text);
        var mount = new Mount(new FsClient(FirstMountSlot + index), root, readOnly, point, name);
        _mounts[index] = mount;
        point.MountedHere = mount;
        return 0;
    }

    public static void Remove(Mount mount)
    {
        for (int i = 0; i < MaxMounts; i++)
            if (_mounts[i] == mount)
                _mounts[i] = null;
        mount.Point.MountedHere = null;
        mount.Server.Close();   // files still open on it now fail with EIO instead of reaching a later mount
    }
}
