namespace System;

/// <summary>Text that is not in the form a parse expects.</summary>
public class FormatException : SystemException
{
    public FormatException() { }

    public FormatException(string message) : base(message) { }
}
