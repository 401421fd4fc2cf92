namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;

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
    public const char Escape = '\\';

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

    /// <summary>Whether one path component matches one pattern component.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
            return false;   // hidden: only a pattern that names the dot finds it
        return MatchFrom(pattern, 0, name, 0);
    }

    private static bool MatchFrom(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                    p++;
                if (p == pattern.Length)
                    return true;
                for (int start = n; start <= name.Length; start++)
                    if (MatchFrom(pattern, p, name, start))
                        return true;
                return false;
            }
            if (n == name.Length)
                return false;
            if (c == '?')
            {
                p++;
                n++;
                continue;
            }
            if (c == '[' && SetEnd(pattern, p) is int end and > 0)
            {
                if (!InSet(pattern, p + 1, end, name[n]))
                    return false;
                p = end + 1;
                n++;
                continue;
            }
            if (c == Escape && p + 1 < pattern.Length)
                c = pattern[++p];
            if (c != name[n])
                return false;
            p++;
            n++;
        }
        return n == name.Length;
    }

    // The ']' closing the set opened at open (a ']' first in the set is a member), or -1: then '[' is literal.
    private static int SetEnd(string pattern, int open)
    {
        int i = open + 1;
        if (i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^'))
            i++;
        if (i < pattern.Length && pattern[i] == ']')
            i++;
        for (; i < pattern.Length; i++)
            if (pattern[i] == ']')
                return i;
        return -1;
    }

    private static bool InSet(string pattern, int start, int end, char c)
    {
        bool negated = pattern[start] == '!' || pattern[start] == '^';
        int i = negated ? start + 1 : start;
        bool found = false;
        while (i < end)
        {
            char low = pattern[i];
            if (low == Escape && i + 1 < end)
                low = pattern[++i];
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                char high = pattern[i + 2];
                found |= c >= low && c <= high;
                i += 3;
            }
            else
            {
                found |= c == low;
                i++;
            }
        }
        return found != negated;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix.EndsWith('/') ? prefix + name : prefix + "/" + name;
}
