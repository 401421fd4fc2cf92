namespace Ocean.Utilities.Grep;

using System.Collections.Generic;

/// <summary>
/// POSIX basic regular expressions, the part grep users reach for: literal characters, '.' (any
/// character), '*' (the atom before it, any number of times), '^' and '$' anchoring at the pattern's
/// ends, bracket expressions ("[abc]", ranges "[a-z]", "[^…]" for none of them; ']' first is a
/// member), and '\' making the next character literal. Matching backtracks over the pattern, compiled
/// to a list of atoms once. Pure logic, tested on the host against .NET's Regex.
/// </summary>
public sealed class BasicRegex
{
    private enum Kind { Literal, Any, Set }

    private readonly struct Atom(Kind kind, char literal, string set, bool negated, bool repeated)
    {
        public readonly Kind Kind = kind;
        public readonly char Literal = literal;
        public readonly string Set = set;          // members, ranges as "a-z" triples
        public readonly bool Negated = negated;
        public readonly bool Repeated = repeated;  // followed by '*'

        public bool Matches(char c, bool ignoreCase) => Kind switch
        {
            Kind.Any => true,
            Kind.Literal => ignoreCase ? Fold(c) == Fold(Literal) : c == Literal,
            _ => InSet(c, ignoreCase) != Negated,
        };

        private bool InSet(char c, bool ignoreCase)
        {
            for (int i = 0; i < Set.Length; i++)
            {
                if (i + 2 < Set.Length && Set[i + 1] == '-')
                {
                    if ((c >= Set[i] && c <= Set[i + 2]) || (ignoreCase && Fold(c) >= Fold(Set[i]) && Fold(c) <= Fold(Set[i + 2])))
                        return true;
                    i += 2;
                }
                else if (ignoreCase ? Fold(c) == Fold(Set[i]) : c == Set[i])
                    return true;
            }
            return false;
        }
    }

    private readonly List<Atom> _atoms = new();
    private readonly bool _anchoredStart, _anchoredEnd, _ignoreCase;

    /// <summary>Compiles <paramref name="pattern"/>; an unclosed '[' is a <see cref="System.FormatException"/>.</summary>
    public BasicRegex(string pattern, bool ignoreCase = false)
    {
        _ignoreCase = ignoreCase;
        int i = 0, end = pattern.Length;
        if (pattern.StartsWith('^'))
        {
            _anchoredStart = true;
            i = 1;
        }
        if (end > i && pattern[end - 1] == '$' && !EscapedAt(pattern, end - 1))
        {
            _anchoredEnd = true;
            end--;
        }
        while (i < end)
        {
            char c = pattern[i];
            Atom atom;
            if (c == '*' && _atoms.Count == 0)
            {
                atom = new Atom(Kind.Literal, '*', null, false, false);   // a leading '*' is literal
                i++;
            }
            else if (c == '.')
            {
                atom = new Atom(Kind.Any, '\0', null, false, false);
                i++;
            }
            else if (c == '[')
            {
                int close = BracketEnd(pattern, i);
                if (close < 0)
                    throw new System.FormatException("unclosed [ in the pattern");
                bool negated = pattern[i + 1] == '^';
                int first = negated ? i + 2 : i + 1;
                atom = new Atom(Kind.Set, '\0', pattern.Substring(first, close - first), negated, false);
                i = close + 1;
            }
            else if (c == '\\' && i + 1 < end)
            {
                atom = new Atom(Kind.Literal, pattern[i + 1], null, false, false);
                i += 2;
            }
            else
            {
                atom = new Atom(Kind.Literal, c, null, false, false);
                i++;
            }
            bool repeated = i < end && pattern[i] == '*';
            if (repeated)
                i++;
            while (i < end && pattern[i] == '*')
                i++;   // "a**" is "a*"
            _atoms.Add(new Atom(atom.Kind, atom.Literal, atom.Set, atom.Negated, repeated));
        }
    }

    /// <summary>Whether the pattern matches anywhere in <paramref name="line"/>.</summary>
    public bool IsMatch(string line)
    {
        if (_anchoredStart)
            return MatchHere(0, line, 0);
        for (int start = 0; start <= line.Length; start++)
            if (MatchHere(0, line, start))
                return true;
        return false;
    }

    private bool MatchHere(int atom, string line, int at)
    {
        while (atom < _atoms.Count)
        {
            Atom current = _atoms[atom];
            if (current.Repeated)
            {
                // As many as match, then give back one at a time.
                int most = at;
                while (most < line.Length && current.Matches(line[most], _ignoreCase))
                    most++;
                for (int end = most; end >= at; end--)
                    if (MatchHere(atom + 1, line, end))
                        return true;
                return false;
            }
            if (at == line.Length || !current.Matches(line[at], _ignoreCase))
                return false;
            atom++;
            at++;
        }
        return !_anchoredEnd || at == line.Length;
    }

    // The ']' that closes the bracket opened at open ("[]…]" and "[^]…]" hold a ']'), or -1.
    private static int BracketEnd(string pattern, int open)
    {
        int i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
            i++;
        if (i < pattern.Length && pattern[i] == ']')
            i++;
        for (; i < pattern.Length; i++)
            if (pattern[i] == ']')
                return i;
        return -1;
    }

    private static bool EscapedAt(string pattern, int index)
    {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && pattern[i] == '\\'; i--)
            backslashes++;
        return backslashes % 2 == 1;
    }

    private static char Fold(char c) => c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}
