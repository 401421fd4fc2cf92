namespace Ocean.Libc;

/// <summary>
/// POSIX's pattern matching notation (fnmatch), for the shell's pathname expansion and find -name:
/// '*' any run of characters, '?' one character, '[…]' one of a set ("[abc]", a range "[a-z]", "[!…]"
/// or "[^…]" for none of them; a ']' first in the set is a member), and a backslash making the next
/// character literal. Pure logic, tested on the host.
/// </summary>
public static class Wildcards
{
    public const char Escape = '\\';

    /// <summary>
    /// Whether <paramref name="name"/> matches <paramref name="pattern"/>; with
    /// <paramref name="hiddenNeedsDot"/>, a name starting with '.' only a pattern that starts with one.
    /// </summary>
    public static bool Matches(string pattern, string name, bool hiddenNeedsDot = false)
    {
        if (hiddenNeedsDot && name.StartsWith('.') && !pattern.StartsWith('.'))
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
}
