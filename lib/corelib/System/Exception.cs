namespace System;

/// <summary>The base of thrown objects. Ocean has no unwinding yet: a throw is fatal (see RhpThrowEx).</summary>
public class Exception
{
    public Exception() { }

    public Exception(string message) => Message = message;

    public string Message { get; }
}
