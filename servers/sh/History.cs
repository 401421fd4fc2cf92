namespace Ocean.Servers.Sh;

using System.Collections.Generic;
using System.Text;

/// <summary>
/// The lines the shell has run, oldest first, for Up/Down, `history` and `!!`. A blank line, or the
/// same line again, is not kept twice; the oldest go beyond <see cref="MaxEntries"/>. Pure logic: the
/// shell loads and appends the file ($HOME/.sh_history).
/// </summary>
public sealed class History
{
    public const int MaxEntries = 500;
    private const string Previous = "!!";

    private readonly List<string> _entries = new();

    public int Count => _entries.Count;

    public string this[int index] => _entries[index];

    /// <summary>Keeps <paramref name="line"/>; false when it was not kept (blank, or the last line again).</summary>
    public bool Add(string line)
    {
        if (line.Trim().Length == 0 || (_entries.Count > 0 && _entries[_entries.Count - 1] == line))
            return false;
        if (_entries.Count == MaxEntries)
            _entries.RemoveAt(0);
        _entries.Add(line);
        return true;
    }

    /// <summary>
    /// History expansion of `!!` (the last line) outside single quotes and not after a backslash.
    /// Returns the line unchanged when it has none; null when it has one but there is no last line.
    /// </summary>
    public string Expand(string line)
    {
        if (!line.Contains(Previous))
            return line;
        var expanded = new StringBuilder();
        bool single = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && !single && i + 1 < line.Length)
            {
                expanded.Append(c).Append(line[++i]);
                continue;
            }
            if (c == '\'')
                single = !single;
            if (!single && c == '!' && i + 1 < line.Length && line[i + 1] == '!')
            {
                if (_entries.Count == 0)
                    return null;
                expanded.Append(_entries[_entries.Count - 1]);
                i++;
                continue;
            }
            expanded.Append(c);
        }
        return expanded.ToString();
    }
}
