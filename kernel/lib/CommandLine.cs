namespace Ocean.Lib;

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
    public static bool Has(string word) => Find(word, out _, out _);

    /// <summary>The unsigned number in a <c>name=value</c> word, or <paramref name="fallback"/>.</summary>
    public static uint Number(string name, uint fallback)
    {
        fixed (Buffer* b = &_buffer)
        {
            byte* text = b->Text;
            int i = 0;
            while (text[i] != 0)
            {
                while (text[i] == ' ')
                    i++;
                int start = i;
                while (text[i] != 0 && text[i] != ' ')
                    i++;
                if (i - start > name.Length + 1 && Matches(text + start, name) && text[start + name.Length] == '=')
                {
                    uint value = 0;
                    for (int k = start + name.Length + 1; k < i; k++)
                    {
                        if (text[k] < '0' || text[k] > '9' || value > (uint.MaxValue - 9) / 10)
                            return fallback;
                        value = value * 10 + (uint)(text[k] - '0');
                    }
                    return value;
                }
            }
        }
        return fallback;
    }

    /// <summary>The text of a <c>name=value</c> word, or null.</summary>
    public static byte[] Value(string name)
    {
        fixed (Buffer* b = &_buffer)
        {
            byte* text = b->Text;
            int i = 0;
            while (text[i] != 0)
            {
                while (text[i] == ' ')
                    i++;
                int start = i;
                while (text[i] != 0 && text[i] != ' ')
                    i++;
                if (i - start > name.Length + 1 && Matches(text + start, name) && text[start + name.Length] == '=')
                {
                    int valueStart = start + name.Length + 1;
                    var value = new byte[i - valueStart];
                    for (int k = 0; k < value.Length; k++)
                        value[k] = text[valueStart + k];
                    return value;
                }
            }
        }
        return null;
    }

    private static bool Find(string word, out int start, out int length)
    {
        start = length = 0;
        fixed (Buffer* b = &_buffer)
        {
            byte* text = b->Text;
            int i = 0;
            while (text[i] != 0)
            {
                while (text[i] == ' ')
                    i++;
                start = i;
                while (text[i] != 0 && text[i] != ' ')
                    i++;
                length = i - start;
                if (length == word.Length && length > 0 && Matches(text + start, word))
                    return true;
            }
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
