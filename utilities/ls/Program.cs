namespace Ocean.Utilities.Ls;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>ls [-l] [PATH...]: the entries of each directory (or the file itself), sorted by name; -l adds kind and size.</summary>
public static unsafe class Program
{
    private const int MaxEntries = 512;
    private const int LineBytes = 320;
    private const int SizeWidth = 10;

    private sealed class Entry
    {
        public byte[] Name;
        public VfsNodeKind Kind;
        public ulong Size;
    }

    private static bool _long;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        int first = 1;
        if (Runtime.ArgumentCount > 1 && CString.Is(Runtime.Argument(1), "-l"))
        {
            _long = true;
            first = 2;
        }
        int paths = Runtime.ArgumentCount - first;
        if (paths == 0)
        {
            byte* here = stackalloc byte[2];
            here[0] = (byte)'.';
            here[1] = 0;
            return List(here, false);
        }
        int status = 0;
        for (int i = first; i < Runtime.ArgumentCount; i++)
            status |= List(Runtime.Argument(i), paths > 1);
        return status;
    }

    private static int List(byte* path, bool title)
    {
        long result = Files.Open(path, VfsOpenFlags.Read, out long handle, out VfsNodeKind kind, out ulong size);
        if (result < 0)
        {
            Errors.Report("ls", path, result);
            return 1;
        }
        if (kind != VfsNodeKind.Directory)
        {
            Files.Close(handle);
            Print(path, CString.Length(path), kind, size);
            return 0;
        }
        var entries = new Entry[MaxEntries];
        int count = 0;
        byte* name = stackalloc byte[VfsProtocol.MaxNameBytes + 1];
        long length;
        while (count < MaxEntries && (length = VfsClient.ReadDirectory(handle, name, VfsProtocol.MaxNameBytes, out VfsNodeKind entryKind, out ulong entrySize)) > 0)
        {
            var entry = new Entry { Name = new byte[(int)length + 1], Kind = entryKind, Size = entrySize };
            for (int k = 0; k < length; k++)
                entry.Name[k] = name[k];
            Insert(entries, count++, entry);
        }
        Files.Close(handle);
        if (title)
        {
            Stdio.Write(path);
            Stdio.WriteLine(":");
        }
        for (int i = 0; i < count; i++)
            fixed (byte* entryName = entries[i].Name)
                Print(entryName, entries[i].Name.Length - 1, entries[i].Kind, entries[i].Size);
        return 0;
    }

    // Insertion into the sorted prefix: listings are small.
    private static void Insert(Entry[] entries, int count, Entry entry)
    {
        int at = count;
        fixed (byte* name = entry.Name)
            while (at > 0)
            {
                fixed (byte* other = entries[at - 1].Name)
                    if (CString.Compare(other, name) <= 0)
                        break;
                entries[at] = entries[at - 1];
                at--;
            }
        entries[at] = entry;
    }

    private static void Print(byte* name, int length, VfsNodeKind kind, ulong size)
    {
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        if (_long)
            text.Append(kind == VfsNodeKind.Directory ? 'd' : '-').Append(' ').AppendUnsigned(size, SizeWidth).Append(' ');
        text.Append(name, length);
        if (!_long && kind == VfsNodeKind.Directory)
            text.Append('/');
        text.AppendLine();
        Stdio.Write(text);
    }
}
