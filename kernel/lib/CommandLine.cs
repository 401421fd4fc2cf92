namespace Ocean.Kernel.Lib;

/// <summary>
/// The kernel's command line: space-separated words from the bootloader (ASCII), copied into the
/// kernel because the bootloader's copy lives in memory the kernel reclaims.
/// </summary>
public static unsafe class CommandLine
{
    public const int MaxLength = 255;

    private struct Buffer
    {
        public fixed byte Text[MaxLength + 1];
    }

    private static Buffer _buffer;

    public static void Initialize(byte* text)
    {
        fixed (Buffer* b = &_buffer)
        {
            int i = 0;
            for (; text != null && text[i] != 0 && i < MaxLength; i++)
                b->Text[i] = text[i];
            b->Text[i] = 0;
        }
    }

    /// <summary>True when <paramref name="word"/> appears as a whole word.</summary>
    public static bool Has(string word)
    {
        fixed (Buffer* b = &_buffer)
            for (int i = 0; NextWord(b->Text, ref i, out int start, out int length);)
                if (length == word.Length && Matches(b->Text + start, word))
                    return true;
        return false;
    }

    /// <summary>The unsigned number in a <c>name=value</c> word, or <paramref name="fallback"/>.</summary>
    public static uint Number(string name, uint fallback)
    {
        fixed (Buffer* b = &_buffer)
        {
            if (!FindValue(b->Text, name, out int start, out int length))
                return fallback;
            uint value = 0;
            for (int k = start; k < start + length; k++)
            {
                if (b->Text[k] < '0' || b->Text[k] > '9' || value > (uint.MaxValue - 9) / 10)
                    return fallback;
                value = value * 10 + (uint)(b->Text[k] - '0');
            }
            return value;
        }
    }

    /// <summary>The text of a <c>name=value</c> word, or null.</summary>
    public static byte[] Value(string name)
    {
        fixed (Buffer* b = &_buffer)
        {
            if (!FindValue(b->Text, name, out int start, out int length))
                return null;
            var value = new byte[length];
            for (int k = 0; k < length; k++)
                value[k] = b->Text[start + k];
            return value;
        }
    }

    // Where the value of the first "name=value" word starts, and its length.
    private static bool FindValue(byte* text, string name, out int valueStart, out int valueLength)
    {
        for (int i = 0; NextWord(text, ref i, out int start, out int length);)
        {
            if (length > name.Length + 1 && Matches(text + start, name) && text[start + name.Length] == '=')
            {
                valueStart = start + name.Length + 1;
                valueLength = length - name.Length - 1;
                return true;
            }
        }
        valueStart = valueLength = 0;
        return false;
    }

    // The next space-separated word at or after position i; false at the end.
    private static bool NextWord(byte* text, ref int i, out int start, out int length)
    {
        while (text[i] == ' ')
            i++;
        start = i;
        while (text[i] != 0 && text[i] != ' ')
            i++;
        length = i - start;
        return length > 0;
    }

    private static bool Matches(byte* text, string word)
    {
        for (int k = 0; k < word.Length; k++)
            if (text[k] != word[k])
                return false;
        return true;
    }
}
