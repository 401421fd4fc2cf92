namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// ilc calls these where generated code detects an error. Ocean has no exception unwinding yet,
/// so each one is fatal with a message that names the error.
/// </summary>
public static class ThrowHelpers
{
    public static void ThrowOverflowException() => RuntimeImports.FatalError("arithmetic overflow");
    public static void ThrowIndexOutOfRangeException() => RuntimeImports.FatalError("index out of range");
    public static void ThrowNullReferenceException() => RuntimeImports.FatalError("null reference");
    public static void ThrowDivideByZeroException() => RuntimeImports.FatalError("division by zero");
    public static void ThrowArrayTypeMismatchException() => RuntimeImports.FatalError("array type mismatch");
    public static void ThrowPlatformNotSupportedException() => RuntimeImports.FatalError("platform not supported");
    public static void ThrowNotImplementedException() => RuntimeImports.FatalError("not implemented");
    public static void ThrowTypeLoadException() => RuntimeImports.FatalError("type load failure");
    public static void ThrowArgumentException() => RuntimeImports.FatalError("invalid argument");
    public static void ThrowArgumentOutOfRangeException() => RuntimeImports.FatalError("argument out of range");
    public static void ThrowInvalidCastException() => RuntimeImports.FatalError("invalid cast");
    public static void ThrowFeatureBodyRemoved() => RuntimeImports.FatalError("feature removed by the compiler");
    public static void ThrowInvalidProgramException() => RuntimeImports.FatalError("invalid program");
    public static void ThrowInvalidProgramExceptionWithArgument() => RuntimeImports.FatalError("invalid program");
    public static void ThrowTypeLoadExceptionWithArgument() => RuntimeImports.FatalError("type load failure");
    public static void ThrowMissingMethodException() => RuntimeImports.FatalError("missing method");
    public static void ThrowMissingFieldException() => RuntimeImports.FatalError("missing field");
    public static void ThrowFileNotFoundException() => RuntimeImports.FatalError("file not found");
    public static void ThrowBadImageFormatException() => RuntimeImports.FatalError("bad image format");
    public static void ThrowMarshalDirectiveException() => RuntimeImports.FatalError("marshal directive");
    public static void ThrowAmbiguousMatchException() => RuntimeImports.FatalError("ambiguous match");
}
