namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;

/// <summary>What a path is, for test's file operators: nothing there, a regular file or a directory (and its size).</summary>
public enum PathKind
{
    Missing,
    File,
    Directory,
}

/// <summary>
/// The shell's `test EXPRESSION` and `[ EXPRESSION ]`, as POSIX's test: strings (-z, -n, =, !=, a lone
/// string), integers (-eq, -ne, -lt, -le, -gt, -ge), files (-e, -f, -d, -s), `!`, `-a`, `-o` and
/// parentheses. Status 0 true, 1 false, 2 with a message for an expression it cannot read. Pure
/// logic: the file operators ask <c>stat</c>, so host tests compare every form with GNU's test.
/// </summary>
public sealed class Conditions
{
    public const int True = 0, False = 1, Error = 2;

    private readonly List<string> _words;
    private readonly Func<string, (PathKind Kind, ulong Size)> _stat;
    private int _next;

    private Conditions(List<string> words, Func<string, (PathKind, ulong)> stat)
    {
        _words = words;
        _stat = stat;
    }

    /// <summary>
    /// The status of test's arguments (<paramref name="words"/> without the command's own name; for
    /// `[`, the last must be "]"); <paramref name="message"/> says what is wrong for status 2.
    /// </summary>
    public static int Evaluate(List<string> words, bool bracket, Func<string, (PathKind, ulong)> stat, out string message)
    {
        message = null;
        var operands = new List<string>(words);
        if (bracket)
        {
            if (operands.Count == 0 || operands[operands.Count - 1] != "]")
            {
                message = "missing ']'";
                return Error;
            }
            operands.RemoveAt(operands.Count - 1);
        }
        if (operands.Count == 0)
            return False;
        var parser = new Conditions(operands, stat);
        try
        {
            bool result = parser.Or();
            if (parser._next != operands.Count)
                throw new FormatException($"unexpected '{operands[parser._next]}'");
            return result ? True : False;
        }
        catch (FormatException e)
        {
            message = e.Message;
            return Error;
        }
    }

    private bool Or()
    {
        bool result = And();
        while (Peek() == "-o")
        {
            _next++;
            result |= And();
        }
        return result;
    }

    private bool And()
    {
        bool result = Not();
        while (Peek() == "-a")
        {
            _next++;
            result &= Not();
        }
        return result;
    }

    private bool Not()
    {
        if (Peek() == "!" && _next + 1 < _words.Count)
        {
            _next++;
            return !Not();
        }
        return Primary();
    }

    private bool Primary()
    {
        string word = Take();
        if (word == "(" && _next < _words.Count && !IsBinary(Peek()))
        {
            bool inside = Or();
            if (Take() != ")")
                throw new FormatException("missing ')'");
            return inside;
        }
        if (IsBinary(Peek()) && _next + 1 < _words.Count)
        {
            string op = Take();
            return Binary(word, op, Take());
        }
        if (IsUnary(word) && _next < _words.Count)
            return Unary(word, Take());
        return word.Length > 0;   // a lone string: true when not empty
    }

    private bool Unary(string op, string operand)
    {
        switch (op)
        {
            case "-z": return operand.Length == 0;
            case "-n": return operand.Length > 0;
        }
        (PathKind kind, ulong size) = _stat(operand);
        return op switch
        {
            "-e" => kind != PathKind.Missing,
            "-f" => kind == PathKind.File,
            "-d" => kind == PathKind.Directory,
            _ => kind != PathKind.Missing && size > 0,   // -s
        };
    }

    private static bool Binary(string left, string op, string right)
    {
        switch (op)
        {
            case "=": return left == right;
            case "!=": return left != right;
        }
        long a = Integer(left), b = Integer(right);
        return op switch
        {
            "-eq" => a == b,
            "-ne" => a != b,
            "-lt" => a < b,
            "-le" => a <= b,
            "-gt" => a > b,
            _ => a >= b,   // -ge
        };
    }

    private static long Integer(string text) =>
        long.TryParse(text.Trim(), out long value) ? value : throw new FormatException($"integer expression expected: {text}");

    private static bool IsUnary(string word) => word is "-z" or "-n" or "-e" or "-f" or "-d" or "-s";

    private static bool IsBinary(string word) => word is "=" or "!=" or "-eq" or "-ne" or "-lt" or "-le" or "-gt" or "-ge";

    private string Peek() => _next < _words.Count ? _words[_next] : null;

    private string Take() => _next < _words.Count ? _words[_next++] : throw new FormatException("argument expected");
}
