namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The tree the VFS keeps in its own memory: "/" with /tmp and /bin writable, and the boot modules
/// read-only under their own paths (/boot/ocean/…), each program also as /bin/NAME. File bytes live
/// in the heap and grow by doubling; a boot module's bytes are read from the kernel on demand.
/// A node's number is its place in the node table (plus one), free again once the node is freed.
/// </summary>
public sealed unsafe class RamFileSystem : FileSystem
{
    private const ulong FirstCapacity = 256;
    private const int FirstTableSize = 64;
    private const ulong RamBlockSize = 4096;
    /// <summary>/mnt is where the service list mounts disks.</summary>
    private static readonly string[] StandardDirectories = { "bin", "boot", "mnt", "tmp" };

    private Node[] _nodes = new Node[FirstTableSize];
    private readonly Node _root;

    /// <summary>Bytes the files hold (for df).</summary>
    private ulong _bytesUsed;

    public RamFileSystem()
    {
        _root = new Node { Name = new byte[0], Kind = VfsNodeKind.Directory };
        Number(_root);
        byte* text = stackalloc byte[VfsProtocol.MaxNameBytes];
        for (int i = 0; i < StandardDirectories.Length; i++)
        {
            string name = StandardDirectories[i];
            for (int k = 0; k < name.Length; k++)
                text[k] = (byte)name[k];
            Create(_root, text, name.Length, VfsNodeKind.Directory);
        }
        Child(_root, "boot").ReadOnly = true;
        AddBootModules();
    }

    public override ulong Root => _root.Id;

    /// <summary>The node numbered <paramref name="id"/>, or null.</summary>
    public Node NodeOf(ulong id) => id - 1 < (ulong)_nodes.Length ? _nodes[(int)(id - 1)] : null;

    public override bool IsReadOnly(ulong node)
    {
        Node found = NodeOf(node);
        return found != null && found.ReadOnly;
    }

    public override long Lookup(ulong directory, byte* name, int length, out ulong node, out VfsNodeKind kind, out ulong size)
    {
        Node child = Child(NodeOf(directory), name, length);
        node = child != null ? child.Id : 0;
        kind = child != null ? child.Kind : 0;
        size = child != null ? child.Size : 0;
        return child != null ? 0 : -Errno.ENOENT;
    }

    public override long GetAttributes(ulong node, out VfsNodeKind kind, out ulong size)
    {
        Node found = NodeOf(node);
        kind = found != null ? found.Kind : 0;
        size = found != null ? found.Size : 0;
        return found != null ? 0 : -Errno.ENOENT;
    }

    public override long Read(ulong node, ulong offset, byte* buffer, ulong length) => Read(NodeOf(node), offset, buffer, length);

    public override long Write(ulong node, ulong offset, byte* data, ulong length) => Write(NodeOf(node), offset, data, length);

    public override long Truncate(ulong node, ulong size) => Truncate(NodeOf(node), size);

    public override long ReadDirectory(ulong directory, ref ulong cursor, byte* name, int capacity, out VfsNodeKind kind, out ulong size)
    {
        kind = 0;
        size = 0;
        Node child = NodeOf(directory).FirstChild;
        for (ulong i = 0; child != null && i < cursor; i++)
            child = child.NextSibling;
        if (child == null)
            return 0;   // the end
        if (child.Name.Length > capacity)
            return -Errno.ENAMETOOLONG;
        for (int i = 0; i < child.Name.Length; i++)
            name[i] = child.Name[i];
        cursor++;
        kind = child.Kind;
        size = child.Size;
        return child.Name.Length;
    }

    public override long Create(ulong directory, byte* name, int length, VfsNodeKind kind, out ulong node)
    {
        node = Create(NodeOf(directory), name, length, kind).Id;
        return 0;
    }

    // A mount point or a directory with entries stays.
    public override long Remove(ulong directory, byte* name, int length, bool isDirectory)
    {
        Node node = Child(NodeOf(directory), name, length);
        if (node == null)
            return -Errno.ENOENT;
        if (node.IsDirectory != isDirectory)
            return isDirectory ? -Errno.ENOTDIR : -Errno.EISDIR;
        if (node.MountedHere != null)
            return -Errno.EBUSY;
        if (node.FirstChild != null)
            return -Errno.ENOTEMPTY;
        Remove(node);
        return 0;
    }

    public override long Rename(ulong oldDirectory, byte* oldName, int oldLength, ulong newDirectory, byte* newName, int newLength)
    {
        Node newParent = NodeOf(newDirectory);
        Node node = Child(NodeOf(oldDirectory), oldName, oldLength);
        if (node == null)
            return -Errno.ENOENT;
        if (node.MountedHere != null)
            return -Errno.EBUSY;
        if (node.IsDirectory && Contains(node, newParent))
            return -Errno.EINVAL;   // into itself
        Node target = Child(newParent, newName, newLength);
        if (target == node)
            return 0;
        if (target != null)
        {
            if (target.MountedHere != null)
                return -Errno.EBUSY;
            if (target.IsDirectory && !node.IsDirectory)
                return -Errno.EISDIR;
            if (!target.IsDirectory && node.IsDirectory)
                return -Errno.ENOTDIR;
            if (target.FirstChild != null)
                return -Errno.ENOTEMPTY;
            Remove(target);
        }
        Detach(node);
        var name = new byte[newLength];
        for (int i = 0; i < newLength; i++)
            name[i] = newName[i];
        Heap.Free(node.Name);
        node.Name = name;
        Attach(newParent, node);
        return 0;
    }

    // The RAM file system's room is the machine's free memory.
    public override long StatFs(ulong* words)
    {
        ulong freeBlocks = (ulong)Syscall.FreePages();
        words[FsProtocol.BlockSizeWord] = RamBlockSize;
        words[FsProtocol.TotalBlocksWord] = freeBlocks + (_bytesUsed + RamBlockSize - 1) / RamBlockSize;
        words[FsProtocol.FreeBlocksWord] = freeBlocks;
        return 0;
    }

    public override void Opened(ulong node) => NodeOf(node).OpenCount++;

    public override void Closed(ulong id)
    {
        Node node = NodeOf(id);
        if (--node.OpenCount == 0 && node.Unlinked)
            Free(node);
    }

    /// <summary>A node's absolute path, or -1 if it does not fit in <paramref name="capacity"/> bytes.</summary>
    public static int PathOf(Node node, byte* destination, int capacity)
    {
        int length = 0;
        for (Node n = node; n.Parent != null; n = n.Parent)
            length += n.Name.Length + 1;
        if (length > capacity)
            return -1;
        int end = length;
        for (Node n = node; n.Parent != null; n = n.Parent)
        {
            end -= n.Name.Length;
            for (int i = 0; i < n.Name.Length; i++)
                destination[end + i] = n.Name[i];
            destination[--end] = (byte)'/';
        }
        return length;
    }

    // Gives the node the first free number, growing the table when it is full.
    private void Number(Node node)
    {
        int free = 0;
        while (free < _nodes.Length && _nodes[free] != null)
            free++;
        if (free == _nodes.Length)
        {
            var larger = new Node[_nodes.Length * 2];
            for (int i = 0; i < _nodes.Length; i++)
                larger[i] = _nodes[i];
            Heap.Free(_nodes);
            _nodes = larger;
        }
        _nodes[free] = node;
        node.Id = (ulong)free + 1;
    }

    // Each module at its path (directories made read-only on the way), and each ELF program in /bin.
    private void AddBootModules()
    {
        BootModuleInfo info;
        for (int index = 0; Syscall.BootModuleInfo(index, &info) == 0; index++)
        {
            Node directory = _root;
            int start = 1;
            for (int i = 1; i <= info.PathLength; i++)
            {
                if (i < info.PathLength && info.Path[i] != (byte)'/')
                    continue;
                int length = i - start;
                if (length > 0)
                {
                    bool last = i == info.PathLength;
                    Node next = Child(directory, info.Path + start, length);
                    if (next == null)
                    {
                        next = Create(directory, info.Path + start, length, last ? VfsNodeKind.File : VfsNodeKind.Directory);
                        next.ReadOnly = true;
                    }
                    if (last)
                        MakeBootFile(next, &info);
                    directory = next;
                }
                start = i + 1;
            }
            AddProgram(&info);
        }
    }

    private void AddProgram(BootModuleInfo* info)
    {
        const int ElfSuffix = 4;   // ".elf"
        int end = info->PathLength;
        byte* path = info->Path;
        if (end <= ElfSuffix || path[end - 4] != (byte)'.' || path[end - 3] != (byte)'e' || path[end - 2] != (byte)'l' || path[end - 1] != (byte)'f')
            return;
        int nameStart = end;
        while (nameStart > 0 && path[nameStart - 1] != (byte)'/')
            nameStart--;
        Node bin = Child(_root, "bin");
        if (bin == null || Child(bin, path + nameStart, end - ElfSuffix - nameStart) != null)
            return;
        Node program = Create(bin, path + nameStart, end - ElfSuffix - nameStart, VfsNodeKind.File);
        program.ReadOnly = true;
        MakeBootFile(program, info);
    }

    private static void MakeBootFile(Node node, BootModuleInfo* info)
    {
        node.BootModulePath = new byte[info->PathLength + 1];
        for (int i = 0; i < info->PathLength; i++)
            node.BootModulePath[i] = info->Path[i];
        node.Size = info->Size;
        node.ReadOnly = true;
    }

    private static Node Child(Node directory, byte* name, int length)
    {
        if (directory == null)
            return null;
        for (Node child = directory.FirstChild; child != null; child = child.NextSibling)
            if (SameName(child.Name, name, length))
                return child;
        return null;
    }

    private static Node Child(Node directory, string name)
    {
        byte* text = stackalloc byte[name.Length];
        for (int k = 0; k < name.Length; k++)
            text[k] = (byte)name[k];
        return Child(directory, text, name.Length);
    }

    private Node Create(Node directory, byte* name, int length, VfsNodeKind kind)
    {
        var node = new Node { Name = new byte[length], Kind = kind };
        Number(node);
        for (int i = 0; i < length; i++)
            node.Name[i] = name[i];
        Attach(directory, node);
        return node;
    }

    private static void Attach(Node directory, Node node)
    {
        node.Parent = directory;
        node.NextSibling = directory.FirstChild;
        directory.FirstChild = node;
    }

    private static void Detach(Node node)
    {
        Node parent = node.Parent;
        if (parent.FirstChild == node)
            parent.FirstChild = node.NextSibling;
        else
            for (Node sibling = parent.FirstChild; sibling != null; sibling = sibling.NextSibling)
                if (sibling.NextSibling == node)
                {
                    sibling.NextSibling = node.NextSibling;
                    break;
                }
        node.Parent = null;
        node.NextSibling = null;
    }

    /// <summary>Takes a node out of the tree; its memory goes now or when its last handle closes.</summary>
    private void Remove(Node node)
    {
        Detach(node);
        node.Unlinked = true;
        if (node.OpenCount == 0)
            Free(node);
    }

    private void Free(Node node)
    {
        _nodes[(int)(node.Id - 1)] = null;
        if (node.Data != null)
        {
            _bytesUsed -= node.Size;
            Heap.Free(node.Data);
        }
        node.Data = null;
        Heap.Free(node.Name);
        if (node.BootModulePath != null)
            Heap.Free(node.BootModulePath);
        Heap.Free(node);
    }

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="node"/> or above it.</summary>
    private static bool Contains(Node ancestor, Node node)
    {
        for (; node != null; node = node.Parent)
            if (node == ancestor)
                return true;
        return false;
    }

    private static long Read(Node node, ulong offset, byte* destination, ulong length)
    {
        if (offset >= node.Size)
            return 0;
        if (length > node.Size - offset)
            length = node.Size - offset;
        if (node.BootModulePath != null)
            fixed (byte* path = node.BootModulePath)
                return Syscall.BootModuleRead(path, offset, destination, length);
        System.Buffer.Memmove(destination, node.Data + offset, (nuint)length);
        return (long)length;
    }

    private long Write(Node node, ulong offset, byte* source, ulong length)
    {
        if (offset + length < offset)
            return -Errno.EFBIG;
        if (!Reserve(node, offset + length))
            return -Errno.ENOSPC;
        if (offset > node.Size)
            System.Buffer.Fill(node.Data + node.Size, 0, (nuint)(offset - node.Size));
        System.Buffer.Memmove(node.Data + offset, source, (nuint)length);
        if (offset + length > node.Size)
        {
            _bytesUsed += offset + length - node.Size;
            node.Size = offset + length;
        }
        return (long)length;
    }

    private long Truncate(Node node, ulong size)
    {
        if (size > node.Size)
        {
            if (!Reserve(node, size))
                return -Errno.ENOSPC;
            System.Buffer.Fill(node.Data + node.Size, 0, (nuint)(size - node.Size));
            _bytesUsed += size - node.Size;
        }
        else
            _bytesUsed -= node.Size - size;
        node.Size = size;
        return 0;
    }

    // Room for `size` bytes: the capacity doubles until it fits, so appends cost amortised O(1).
    private static bool Reserve(Node node, ulong size)
    {
        if (size <= node.Capacity)
            return true;
        ulong capacity = node.Capacity == 0 ? FirstCapacity : node.Capacity;
        while (capacity < size)
            capacity *= 2;
        byte* data = (byte*)Heap.Allocate((nuint)capacity);
        if (data == null)
            return false;
        if (node.Data != null)
        {
            System.Buffer.Memmove(data, node.Data, (nuint)node.Size);
            Heap.Free(node.Data);
        }
        node.Data = data;
        node.Capacity = capacity;
        return true;
    }

    private static bool SameName(byte[] name, byte* other, int length)
    {
        if (name.Length != length)
            return false;
        for (int i = 0; i < length; i++)
            if (name[i] != other[i])
                return false;
        return true;
    }
}
