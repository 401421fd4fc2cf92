namespace System.IO;

using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Directories over the VFS, as .NET's <c>System.IO.Directory</c>: whether one exists and what it
/// holds. Paths come back joined to the one given, sorted by name (.NET leaves the order to the file
/// system). A failure is an <see cref="IOException"/> naming the path and the reason
/// (<see cref="DirectoryNotFoundException"/> when nothing is there).
/// </summary>
public static class Directory
{
    public static bool Exists(string path) =>
        path is not null && Files.Stat(path, out VfsNodeKind kind, out _).Ok && kind == VfsNodeKind.Directory;

    /// <summary>The files (everything but directories) in <paramref name="path"/>.</summary>
    public static string[] GetFiles(string path) => Entries(path, directories: false);

    /// <summary>The directories in <paramref name="path"/>.</summary>
    public static string[] GetDirectories(string path) => Entries(path, directories: true);

    private static string[] Entries(string path, bool directories)
    {
        if (path is null)
            throw new ArgumentNullException(nameof(path));
        Ocean.Libc.File directory = Ocean.Libc.File.Open(path, VfsOpenFlags.Read);
        Error error = directory.Error.Ok && directory.Kind != VfsNodeKind.Directory ? Error.Of(-Errno.ENOTDIR) : directory.Error;
        var names = new List<string>();
        if (error.Ok)
        {
            for (DirectoryEntry entry = directory.ReadEntry(); entry.Name is not null; entry = directory.ReadEntry())
                if ((entry.Kind == VfsNodeKind.Directory) == directories)
                    names.Add(entry.Name);
            error = directory.Error;
        }
        directory.Close();
        if (error.Failed)
        {
            string message = path + ": " + error.Message;
            throw error.Code == Errno.ENOENT ? new DirectoryNotFoundException(message) : new IOException(message);
        }
        names.Sort(string.CompareOrdinal);
        string[] paths = new string[names.Count];
        for (int i = 0; i < paths.Length; i++)
            paths[i] = path.EndsWith('/') ? path + names[i] : path + "/" + names[i];
        return paths;
    }
}
