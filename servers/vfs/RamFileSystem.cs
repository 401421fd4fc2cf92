namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The tree the VFS keeps in its own memory: "/" with /tmp and /bin writable, and the boot modules
/// read-only under their own paths (/boot/ocean/…), each program also as /bin/NAME. File bytes live
/// in the heap and grow by doubling; a boot module's bytes are read from the kernel on demand.
/// </summary>
public static unsafe class RamFileSystem
{
    private const ulong FirstCapacity = 256;
    /// <summary>/mnt is where the service list mounts disks.</summary>
    private static readonly string[] StandardDirectories = { "bin", "boot", "mnt", "tmp" };

    public static Node Root { get; private set; }

    /// <summary>Bytes the files hold (for df).</summary>
    public static ulong BytesUsed { get; private set; }

    public static void Initialize()
    {
        Root = new Node { Name = new byte[0], Kind = VfsNodeKind.Directory };
        for (int i = 0; i < StandardDirectories.Length; i++)
        {
            string name = StandardDirectories[i];
            byte* text = stackalloc byte[name.Length];
            for (int k = 0; k < name.Length; k++)
                text[k] = (byte)name[k];
            Create(Root, text, name.Length, VfsNodeKind.Directory);
        }
        Child(Root, "boot").ReadOnly = true;
        AddBootModules();
    }

    // Each module at its path (directories made read-only on the way), and each ELF program in /bin.
    private static void AddBootModules()
    {
        BootModuleInfo info;
        for (int index = 0; Syscall.BootModuleInfo(index, &info) == 0; index++)
        {
            Node directory = Root;
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

    private static void AddProgram(BootModuleInfo* info)
    {
        const int ElfSuffix = 4;   // ".elf"
        int end = info->PathLength;
        byte* path = info->Path;
        if (end <= ElfSuffix || path[end - 4] != (byte)'.' || path[end - 3] != (byte)'e' || path[end - 2] != (byte)'l' || path[end - 1] != (byte)'f')
            return;
        int nameStart = end;
        while (nameStart > 0 && path[nameStart - 1] != (byte)'/')
            nameStart--;
        Node bin = Child(Root, "bin");
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

    public static Node Child(Node directory, byte* name, int length)
    {
        for (Node child = directory.FirstChild; child != null; child = child.NextSibling)
            if (SameName(child.Name, name, length))
                return child;
        return null;
    }

    public static Node Child(Node directory, string name)
    {
        byte* text = stackalloc byte[name.Length];
        for (int k = 0; k < name.Length; k++)
            text[k] = (byte)name[k];
        return Child(directory, text, name.Length);
    }

    public static Node Create(Node directory, byte* name, int length, VfsNodeKind kind)
    {
        var node = new Node { Name = new byte[length], Kind = kind };
        for (int i = 0; i < length; i++)
            node.Name[i] = name[i];
        Attach(directory, node);
        return node;
    }

    public static void Attach(Node directory, Node node)
    {
        node.Parent = directory;
        node.NextSibling = directory.FirstChild;
        directory.FirstChild = node;
    }

    public static void Detach(Node node)
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
    public static void Remove(Node node)
    {
        Detach(node);
        node.Unlinked = true;
        if (node.OpenCount == 0)
            Free(node);
    }

    public static void Free(Node node)
    {
        if (node.Data != null)
        {
            BytesUsed -= node.Size;
            Heap.Free(node.Data);
        }
        node.Data = null;
        Heap.Free(node.Name);
        if (node.BootModulePath != null)
            Heap.Free(node.BootModulePath);
        Heap.Free(node);
    }

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="node"/> or above it.</summary>
    public static bool Contains(Node ancestor, Node node)
    {
        for (; node != null; node = node.Parent)
            if (node == ancestor)
                return true;
        return false;
    }

    public static long Read(Node node, ulong offset, byte* destination, ulong length)
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

    public static long Write(Node node, ulong offset, byte* source, ulong length)
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
            BytesUsed += offset + length - node.Size;
            node.Size = offset + length;
        }
        return (long)length;
    }

    public static long Truncate(Node node, ulong size)
    {
        if (size > node.Size)
        {
            if (!Reserve(node, size))
                return -Errno.ENOSPC;
            System.Buffer.Fill(node.Data + node.Size, 0, (nuint)(size - node.Size));
            BytesUsed += size - node.Size;
        }
        else
            BytesUsed -= node.Size - size;
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
