namespace Ocean.Servers.Sh;

using System.Collections.Generic;

/// <summary>
/// What Tab offers for the word before the cursor: the names that could finish it, and the text all
/// of them continue with (what Tab adds). A single name gets its ending: '/' for a directory, else a
/// blank. Pure logic, tested on the host; the shell supplies the names (built-ins and /bin for a
/// command, a directory's entries for a path).
/// </summary>
public sealed class Completion
{
    public Completion(string added, List<string> candidates)
    {
        Added = added;
        Candidates = candidates;
    }

    /// <summary>What Tab inserts at the cursor ("" when the candidates share nothing more).</summary>
    public string Added { get; }

    /// <summary>Every name that starts with the word, sorted.</summary>
    public List<string> Candidates { get; }

    /// <summary>
    /// The completion of <paramref name="prefix"/> among <paramref name="names"/>: hidden names only
    /// for a prefix that starts with '.'; <paramref name="isDirectory"/> tells a lone match's ending.
    /// </summary>
    public static Completion Of(string prefix, IEnumerable<string> names, System.Func<string, bool> isDirectory)
    {
        var candidates = new List<string>();
        foreach (string name in names)
            if (name.StartsWith(prefix) && (prefix.StartsWith(".") || !name.StartsWith(".")) && !candidates.Contains(name))
                candidates.Add(name);
        candidates.Sort(string.CompareOrdinal);
        if (candidates.Count == 0)
            return new Completion("", candidates);
        if (candidates.Count == 1)
            return new Completion(candidates[0].Substring(prefix.Length) + (isDirectory(candidates[0]) ? "/" : " "), candidates);
        string first = candidates[0], last = candidates[candidates.Count - 1];
        int common = prefix.Length;
        while (common < first.Length && common < last.Length && first[common] == last[common])
            common++;   // sorted: what the first and last share, all share
        return new Completion(first.Substring(prefix.Length, common - prefix.Length), candidates);
    }

    /// <summary>
    /// Where the word before <paramref name="cursor"/> starts in <paramref name="line"/> (after a blank
    /// or one of the shell's operators), and whether it is in a command's place.
    /// </summary>
    public static int WordStart(string line, int cursor, out bool command)
    {
        int start = cursor;
        while (start > 0 && !IsBreak(line[start - 1]))
            start--;
        int before = start;
        while (before > 0 && line[before - 1] == ' ')
            before--;
        command = before == 0 || line[before - 1] is '|' or ';' or '&' or '(' or '`';
        return start;
    }

    private static bool IsBreak(char c) => c is ' ' or '|' or ';' or '&' or '<' or '>' or '(' or '`';
}
