namespace Ocean.Servers.Sh;

using System.Collections.Generic;

/// <summary>When a pipeline of a list runs: always (after ';' or first), or after the last status.</summary>
public enum ListCondition
{
    Always,
    /// <summary>After '&amp;&amp;': only if the last status was 0.</summary>
    IfSucceeded,
    /// <summary>After '||': only if the last status was not 0.</summary>
    IfFailed,
}

/// <summary>One pipeline of a list, as typed (its words are expanded only when it runs), and when it runs.</summary>
public struct ListItem
{
    public ListItem(string text, ListCondition condition, bool background = false)
    {
        Text = text;
        Condition = condition;
        Background = background;
    }

    public string Text { get; }
    public ListCondition Condition { get; }

    /// <summary>It ended with '&amp;': it runs in the background while the shell goes on.</summary>
    public bool Background { get; }

    /// <summary>Whether it runs after a pipeline that ended with <paramref name="lastStatus"/> (POSIX and-or lists: left to right, one precedence).</summary>
    public bool RunsAfter(int lastStatus) =>
        Condition == ListCondition.IfSucceeded ? lastStatus == 0 : Condition != ListCondition.IfFailed || lastStatus != 0;
}

/// <summary>
/// Splits a command line into the pipelines of a list at the unquoted ';', '&amp;', '&amp;&amp;' and
/// '||', as a Unix shell does: quotes ('…', "…") and a backslash keep them literal. Each pipeline keeps
/// its text, so that $? and variables are expanded when it runs, after the one before it. A ';' or
/// '&amp;' may end the line, and '&amp;' sends the pipeline before it to the background (only that
/// pipeline: POSIX would send the whole and-or list before it); an operator with no pipeline on either
/// side is a <see cref="ShellSyntaxException"/>. Pure logic, shared with the host unit tests.
/// </summary>
public static class CommandList
{
    public static List<ListItem> Split(string line)
    {
        var items = new List<ListItem>();
        var condition = ListCondition.Always;
        int start = 0;
        bool afterOperator = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\')
            {
                i++;   // the next character is literal
                continue;
            }
            if (c == '\'' || c == '"')
            {
                i = CommandParser.QuoteEnd(line, i);   // (an unterminated quote runs to the end: the parser reports it)
                continue;
            }
            if (c == '`' || (c == '$' && i + 1 < line.Length && line[i + 1] == '('))
            {
                i = CommandParser.SubstitutionEnd(line, i);   // its own ';' and '&&' are its commands'
                continue;
            }
            if (c == '(')
            {
                i = CommandParser.GroupEnd(line, i);   // a subshell's list is its own (unclosed: the parser says so)
                continue;
            }
            bool and = c == '&' && i + 1 < line.Length && line[i + 1] == '&';
            bool or = c == '|' && i + 1 < line.Length && line[i + 1] == '|';
            bool background = c == '&' && !and && (i == 0 || (line[i - 1] != '>' && line[i - 1] != '<'));   // not ">&"
            if (c != ';' && !and && !or && !background)
                continue;
            string text = line.Substring(start, i - start);
            if (IsBlank(text))
                throw new ShellSyntaxException(SyntaxProblem.EmptyListCommand);
            items.Add(new ListItem(text, condition, background));
            condition = and ? ListCondition.IfSucceeded : or ? ListCondition.IfFailed : ListCondition.Always;
            afterOperator = and || or;
            if (and || or)
                i++;
            start = i + 1;
        }
        string last = line.Substring(start);
        if (!IsBlank(last))
            items.Add(new ListItem(last, condition));
        else if (afterOperator)
            throw new ShellSyntaxException(SyntaxProblem.EmptyListCommand);   // "a &&" with nothing after
        return items;
    }

    private static bool IsBlank(string text)
    {
        for (int i = 0; i < text.Length; i++)
            if (!CommandParser.IsBlank(text[i]))
                return false;
        return true;
    }
}
