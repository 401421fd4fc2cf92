namespace Ocean.Utilities.Cut;

using System.Collections.Generic;

/// <summary>cut's LIST: positions from 1, as N, N-M, N- and -M separated by commas. Pure logic, tested on the host.</summary>
public sealed class CutList
{
    private readonly List<(int First, int Last)> _ranges = new();

    /// <summary>The list <paramref name="text"/> names; null when it is not one.</summary>
    public static CutList Parse(string text)
    {
        var list = new CutList();
        foreach (string part in text.Split(','))
        {
            int dash = part.IndexOf('-');
            string left = dash < 0 ? part : part.Substring(0, dash), right = dash < 0 ? part : part.Substring(dash + 1);
            int first = 1, last = int.MaxValue;
            if (left.Length > 0 && (!int.TryParse(left, out first) || first < 1))
                return null;
            if (right.Length > 0 && (!int.TryParse(right, out last) || last < 1))
                return null;
            if ((left.Length == 0 && right.Length == 0) || last < first)
                return null;
            list._ranges.Add((first, last));
        }
        return list;
    }

    public bool Contains(int position)
    {
        foreach ((int first, int last) in _ranges)
            if (position >= first && position <= last)
                return true;
        return false;
    }
}
