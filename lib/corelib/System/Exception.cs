namespace System;

/// <summary>
/// The base of thrown objects. Programs catch them (lib/libc's ExceptionDispatch); in the kernel and
/// the loader a throw is fatal (see RhpThrowEx).
/// </summary>
public class Exception
{
    public Exception() { }

    public Exception(string message) => Message = message;

    public string Message { get; }
}

/// <summary>The base of the exceptions the runtime itself raises.</summary>
public class SystemException : Exception
{
    public SystemException() { }

    public SystemException(string message) : base(message) { }
}

/// <summary>A call made when the object's state does not allow it.</summary>
public class InvalidOperationException : SystemException
{
    public InvalidOperationException() { }

    public InvalidOperationException(string message) : base(message) { }
}

/// <summary>An argument that the method does not accept.</summary>
public class ArgumentException : SystemException
{
    public ArgumentException() { }

    public ArgumentException(string message) : base(message) { }
}

/// <summary>An operation the object does not support.</summary>
public class NotSupportedException : SystemException
{
    public NotSupportedException() { }

    public NotSupportedException(string message) : base(message) { }
}

/// <summary>A null argument where a method needs one.</summary>
public class ArgumentNullException : ArgumentException
{
    public ArgumentNullException() { }

    public ArgumentNullException(string paramName) : base(paramName + " is null") { }
}
