namespace System;

/// <summary>
/// A value type that may have no value (<c>int?</c>). ilc knows the fields by name: boxing one gives
/// its value boxed, or null (RuntimeExports).
/// </summary>
public readonly struct Nullable<T> where T : struct
{
    private readonly bool hasValue;
    internal readonly T value;

    public Nullable(T value)
    {
        this.value = value;
        hasValue = true;
    }

    public bool HasValue => hasValue;

    public T Value => hasValue ? value : throw new InvalidOperationException("the nullable value has no value");

    public T GetValueOrDefault() => value;

    public T GetValueOrDefault(T defaultValue) => hasValue ? value : defaultValue;

    public override bool Equals(object other) => hasValue ? value.Equals(other) : other is null;

    public override int GetHashCode() => hasValue ? value.GetHashCode() : 0;

    /// <summary>The value's text, or the empty string when there is none (as .NET).</summary>
    public override string ToString() => hasValue ? value.ToString() : "";

    public static implicit operator T?(T value) => new Nullable<T>(value);

    public static explicit operator T(T? value) => value.Value;
}
