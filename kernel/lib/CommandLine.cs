namespace Ocean.Lib;

/// <summary>The kernel's command line: space-separated words from the bootloader (ASCII).</summary>
public static unsafe class CommandLine
{
    private static byte* _text;

    public static void Initialize(byte* text) => _text = text;

    /// <summary>True when <paramref name="word"/> appears as a whole word.</summary>
    public static bool Has(string word)
    {
        if (_text == null)
            return false;
        int i = 0;
        while (_text[i] != 0)
        {
            while (_text[i] == ' ')
                i++;
            int start = i;
            while (_text[i] != 0 && _text[i] != ' ')
                i++;
            if (i - start == word.Length && Matches(_text + start, word))
                return true;
        }
        return false;
    }

    private static bool Matches(byte* text, string word)
    {
        for (int k = 0; k < word.Length; k++)
            if (text[k] != word[k])
                return false;
        return true;
    }
}
