namespace Ocean.Loader.Limine;

/// <summary>
/// Splits a Multiboot module string by Ocean's convention: the first word is the module's path,
/// the rest (after spaces) is its command line.
/// </summary>
public static class ModuleString
{
    public static void Split(byte[] text, out int pathStart, out int pathLength, out int cmdlineStart, out int cmdlineLength)
    {
        int i = 0;
        while (i < text.Length && text[i] == ' ')
            i++;
        pathStart = i;
        while (i < text.Length && text[i] != ' ')
            i++;
        pathLength = i - pathStart;
        while (i < text.Length && text[i] == ' ')
            i++;
        cmdlineStart = i;
        int end = text.Length;
        while (end > i && text[end - 1] == ' ')
            end--;
        cmdlineLength = end - i;
    }
}
