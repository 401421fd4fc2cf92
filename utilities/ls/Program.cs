namespace Ocean.Utilities.Ls;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>ls [-l] [PATH...]: the entries of each directory (or the file itself), sorted by name; -l adds kind and size.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int MaxEntries = 512;
    private const int LineBytes = 320;
    private const int SizeWidth = 10;

    private static readonly TextLine _line = new(LineBytes);
    private static bool _long;

    private static int Main(string[] args)
    {
        int first = 0;
        if (args.Length > 0 && args[0] == "-l")
        {
            _long = true;
            first = 1;
        }
        int paths = args.Length - first;
        if (paths == 0)
            return List(".", false);
        int status = 0;
        for (int i = first; i < args.Length; i++)
            status |= List(args[i], paths > 1);
        return status;
    }

    private static int List(string path, bool title)
    {
        File file = File.Open(path, VfsOpenFlags.Read);
        if (file.Kind != VfsNodeKind.Directory)
        {
            file.Close();
            if (file.Ok)
                Print(path, file.Kind, file.Size);
            return Commands.Check("ls", path, file.Error);
        }
        var entries = new DirectoryEntry[MaxEntries];
        int count = 0;
        DirectoryEntry entry;
        while (count < MaxEntries && (entry = file.ReadEntry()).Name != null)
            Insert(entries, count++, entry);
        file.Close();
        if (title)
        {
            Stdio.Write(path);
            Stdio.WriteLine(":");
        }
        for (int i = 0; i < count; i++)
            Print(entries[i].Name, entries[i].Kind, entries[i].Size);
        return Commands.Check("ls", path, file.Error);
    }

    // Insertion into the sorted prefix: listings are small.
    private static void Insert(DirectoryEntry[] entries, int count, DirectoryEntry entry)
    {
        int at = count;
        while (at > 0 && Strings.Compare(entries[at - 1].Name, entry.Name) > 0)
        {
            entries[at] = entries[at - 1];
            at--;
        }
        entries[at] = entry;
    }

    private static void Print(string name, VfsNodeKind kind, ulong size)
    {
        _line.Clear();
        if (_long)
            _line.Append(kind == VfsNodeKind.Directory ? 'd' : '-').Append(' ').AppendUnsigned(size, SizeWidth).Append(' ');
        _line.Append(name);
        if (!_long && kind == VfsNodeKind.Directory)
            _line.Append('/');
        _line.AppendLine().Write();
    }
}
