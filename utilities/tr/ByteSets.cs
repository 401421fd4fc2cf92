namespace Ocean.Utilities.Tr;

using System.Collections.Generic;

/// <summary>tr's sets: bytes, ranges such as a-z, and the escapes \n, \t, \r and \\. Pure logic, tested on the host.</summary>
public static class ByteSets
{
    /// <summary>The bytes <paramref name="set"/> names, in order; null for a range that goes backwards.</summary>
    public static byte[] Expand(string set)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < set.Length; i++)
        {
            byte first = Next(set, ref i);
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                i += 2;
                byte last = Next(set, ref i);
                if (last < first)
                    return null;
                for (int b = first; b <= last; b++)
                    bytes.Add((byte)b);
                continue;
            }
            bytes.Add(first);
        }
        return bytes.ToArray();
    }

    // The byte at i (an escape is two characters; i is left on its last).
    private static byte Next(string set, ref int i)
    {
        if (set[i] != '\\' || i + 1 == set.Length)
            return (byte)set[i];
        i++;
        return set[i] switch
        {
            'n' => (byte)'\n',
            't' => (byte)'\t',
            'r' => (byte)'\r',
            _ => (byte)set[i],
        };
    }
}
