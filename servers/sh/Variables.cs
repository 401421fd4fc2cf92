namespace Ocean.Servers.Sh;

using System.Collections.Generic;
using Ocean.Libc;

/// <summary>
/// The shell's variables, all of them exported: exec passes them on as the environment, "NAME=value"
/// each, in the order they were first set. The shell starts from the environment it was given.
/// </summary>
public static class Variables
{
    private static readonly Dictionary<string, string> _values = new();

    /// <summary>Copies the inherited environment in.</summary>
    public static void Initialize()
    {
        for (int i = 0; i < EnvironmentBlock.Count; i++)
        {
            string entry = Latin1.ToString(EnvironmentBlock.At(i));
            int equals = entry.IndexOf('=');
            if (equals > 0 && CommandParser.IsName(entry.Substring(0, equals)))
                Set(entry.Substring(0, equals), entry.Substring(equals + 1));
        }
    }

    /// <summary>The value of the variable, or "" if it is not set; "$" is the shell's pid, "!" the last background command's.</summary>
    public static string Lookup(string name) =>
        name == "$" ? Syscall.GetPid().ToString()
        : name == "!" ? (Jobs.LastBackground == 0 ? "" : Jobs.LastBackground.ToString())
        : _values.TryGetValue(name, out string value) ? value : "";

    public static bool IsSet(string name) => _values.ContainsKey(name);

    public static void Set(string name, string value) => _values[name] = value;

    public static void Unset(string name) => _values.Remove(name);

    /// <summary>Every variable as "NAME=value": what export lists and what a program gets as its environment.</summary>
    public static List<string> Environment()
    {
        var entries = new List<string>();
        foreach (KeyValuePair<string, string> variable in _values)
            entries.Add(variable.Key + "=" + variable.Value);
        return entries;
    }
}
