namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;
using Ocean.Libc;

/// <summary>
/// Pathname expansion: a word with an unquoted '*' (any run of characters), '?' (one character) or
/// '[…]' (one of a set: "[abc]", a range "[a-z]", "[!…]" for none of them) becomes the paths that
/// match, sorted; a word that matches nothing stays as it was, as in POSIX shells. A name starting
/// with '.' matches only a component that starts with a literal '.'. In a pattern, a backslash makes
/// the next character literal (the parser escapes what was quoted). Directories are read through
/// <c>listDirectory</c> (names, or null when it cannot be read), so this is tested on the host.
/// </summary>
public static class Glob
{
    public const char Escape = Wildcards.Escape;

    /// <summary>Whether the pattern has a wildcard that is not escaped.</summary>
    public static bool HasWildcards(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == Escape)
                i++;
            else if (pattern[i] is '*' or '?' or '[')
                return true;
        }
        return false;
    }

    /// <summary>The pattern's text with its escapes taken out.</summary>
    public static string Unescape(string pattern)
    {
        var text = new StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
            text.Append(pattern[i] == Escape && i + 1 < pattern.Length ? pattern[++i] : pattern[i]);
        return text.ToString();
    }

    /// <summary>The paths the pattern names, sorted (none when nothing matches).</summary>
    public static List<string> Expand(string pattern, Func<string, IEnumerable<string>> listDirectory)
    {
        bool absolute = pattern.StartsWith('/');
        string[] components = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var paths = new List<string> { absolute ? "/" : "" };
        foreach (string component in components)
        {
            var next = new List<string>();
            bool wild = HasWildcards(component);
            string literal = wild ? null : Unescape(component);
            foreach (string prefix in paths)
            {
                IEnumerable<string> names = listDirectory(prefix.Length == 0 ? "." : prefix);
                if (names is null)
                    continue;
                foreach (string name in names)
                    if (wild ? Matches(component, name) : name == literal)
                        next.Add(Join(prefix, name));
            }
            paths = next;
            if (paths.Count == 0)
                break;
        }
        if (pattern.EndsWith('/'))
            for (int i = 0; i < paths.Count; i++)
                paths[i] += "/";
        paths.Sort(string.CompareOrdinal);
        return paths;
    }

    /// <summary>Whether one path component matches one pattern component (a hidden name only a pattern starting with '.').</summary>
    public static bool Matches(string pattern, string name) => Wildcards.Matches(pattern, name, hiddenNeedsDot: true);

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix.EndsWith('/') ? prefix + name : prefix + "/" + name;
}
