namespace Ocean.Libc;

/// <summary>
/// A path's last component and what comes before it, by POSIX's rules for basename and dirname
/// (trailing slashes do not count, "/" is its own base and directory, a name with no slash is in ".").
/// Pure string logic, tested on the host against GNU's basename and dirname.
/// </summary>
public static class PathParts
{
    /// <summary>basename: the last component; without <paramref name="suffix"/> if it ends with it and is more than it.</summary>
    public static string Base(string path, string suffix = null)
    {
        if (path.Length == 0)
            return "";
        int end = path.Length;
        while (end > 1 && path[end - 1] == '/')
            end--;
        if (end == 1 && path[0] == '/')
            return "/";
        int start = path.LastIndexOf('/', end - 1) + 1;
        string name = path.Substring(start, end - start);
        if (!string.IsNullOrEmpty(suffix) && name.Length > suffix.Length && name.EndsWith(suffix))
            name = name.Substring(0, name.Length - suffix.Length);
        return name;
    }

    /// <summary>dirname: everything before the last component, without trailing slashes; "." for none.</summary>
    public static string Directory(string path)
    {
        int end = path.Length;
        while (end > 1 && path[end - 1] == '/')
            end--;
        int slash = end == 0 ? -1 : path.LastIndexOf('/', end - 1);
        if (slash < 0)
            return ".";
        while (slash > 0 && path[slash - 1] == '/')
            slash--;
        return slash == 0 ? "/" : path.Substring(0, slash);
    }
}
