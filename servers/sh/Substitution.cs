namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// What the parser's expansions need from the system (<see cref="Expansions"/>): a substitution's
/// commands run in a child of the shell (a copy of it, so built-ins and variables work as at the
/// prompt) whose standard output is a pipe the shell reads to its end; and a directory's names for
/// pathname expansion, through the VFS.
/// </summary>
public static class Substitution
{
    private const int ReadBytes = 512;

    /// <summary>The output of <paramref name="commands"/>, run as a line at the prompt would be.</summary>
    public static string Run(string commands)
    {
        Pipe pipe = Descriptors.CreatePipe();
        if (pipe.Error.Failed)
        {
            Console.WriteLine("sh: cannot create a pipe");
            return "";
        }
        Console.Out.Flush();
        long child = Runtime.Fork();
        if (child == 0)
        {
            Descriptors.Duplicate(pipe.WriteEnd, Descriptors.StandardOutput);
            Descriptors.Close(pipe.WriteEnd);
            Descriptors.Close(pipe.ReadEnd);
            int status = 0;
            Program.RunLine(commands, ref status);
            Console.Out.Flush();
            Runtime.Exit(status);
        }
        Descriptors.Close(pipe.WriteEnd);
        var output = new StringBuilder();
        File reader = File.FromDescriptor(pipe.ReadEnd);
        var buffer = new byte[ReadBytes];
        int count;
        while ((count = reader.Read(buffer)) > 0)
            for (int i = 0; i < count; i++)
                output.Append((char)buffer[i]);
        Descriptors.Close(pipe.ReadEnd);   // (a File made from a descriptor does not close it)
        if (child > 0)
            Children.Wait(child);
        return output.ToString();
    }

    /// <summary>The names in <paramref name="directory"/>, or null when it cannot be read.</summary>
    public static IEnumerable<string> ListDirectory(string directory)
    {
        File file = File.Open(directory, VfsOpenFlags.Read);
        if (!file.Ok || file.Kind != VfsNodeKind.Directory)
        {
            file.Close();
            return null;
        }
        var names = new List<string>();
        for (DirectoryEntry entry = file.ReadEntry(); entry.Name is not null; entry = file.ReadEntry())
            names.Add(entry.Name);
        file.Close();
        return names;
    }
}
