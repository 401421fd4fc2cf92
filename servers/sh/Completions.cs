namespace Ocean.Servers.Sh;

using System.Collections.Generic;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>Tab at the shell's prompt: a command's name from the built-ins and /bin, anything else a path.</summary>
public static class Completions
{
    private const string ProgramDirectory = "/bin";

    /// <summary>The <see cref="Completion"/> of the word before <paramref name="cursor"/> in <paramref name="line"/>.</summary>
    public static Completion Complete(string line, int cursor)
    {
        int start = Completion.WordStart(line, cursor, out bool command);
        string word = line.Substring(start, cursor - start);
        if (command && !word.Contains('/'))
        {
            var names = new List<string>(Builtins.Names);
            IEnumerable<string> programs = Substitution.ListDirectory(ProgramDirectory);
            if (programs != null)
                names.AddRange(programs);
            return Completion.Of(word, names, _ => false);
        }
        int slash = word.LastIndexOf('/');
        string directory = slash < 0 ? "." : slash == 0 ? "/" : word.Substring(0, slash);
        string resolved = PathName.Resolve(Builtins.WorkingDirectory, directory);
        IEnumerable<string> entries = resolved == null ? null : Substitution.ListDirectory(resolved);
        if (entries == null)
            return null;
        return Completion.Of(word.Substring(slash + 1), entries, name => IsDirectory(PathName.Resolve(resolved, name)));
    }

    private static bool IsDirectory(string path) =>
        path != null && Files.Stat(path, out VfsNodeKind kind, out _).Ok && kind == VfsNodeKind.Directory;
}
