using System.Text.Json;

namespace Raft.Silo.Http;

/// <summary>
/// Typed members of a request object, each refusal naming the member and what it must be. Names are the
/// contract's camelCase, matched exactly; unknown members are ignored so that older servers accept newer
/// clients' additions.
/// </summary>
internal static class JsonFields
{
    /// <exception cref="ApiProblemException">400: missing, not a string, or not valid Unicode.</exception>
    public static string RequiredString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null) throw Missing(name, "a string");
        if (member.ValueKind != JsonValueKind.String) throw WrongType(name, member, "a string");
        try
        {
            return member.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not text the store can hold.
            throw new ApiProblemException($"'{name}' is not valid Unicode", e);
        }
    }

    /// <exception cref="ApiProblemException">400: missing, or not a whole number in the 64-bit range.</exception>
    public static long RequiredInt64(JsonElement body, string name) =>
        OptionalInt64(body, name) ?? throw Missing(name, "a whole number");

    /// <summary>Null when the member is absent or null.</summary>
    /// <exception cref="ApiProblemException">400: present but not a whole number in the 64-bit range.</exception>
    public static long? OptionalInt64(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null) return null;
        if (member.ValueKind == JsonValueKind.Number && member.TryGetInt64(out var value)) return value;
        throw WrongType(name, member, "a whole number");
    }

    /// <summary>Null when the member is absent or null.</summary>
    /// <exception cref="ApiProblemException">400: present but not true or false.</exception>
    public static bool? OptionalBoolean(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null) return null;
        if (member.ValueKind is JsonValueKind.True or JsonValueKind.False) return member.GetBoolean();
        throw WrongType(name, member, "true or false");
    }

    private static ApiProblemException Missing(string name, string expected) => new($"'{name}' is required and must be {expected}");

    private static ApiProblemException WrongType(string name, JsonElement member, string expected) =>
        new($"'{name}' must be {expected}, not {Describe(member)}");

    private static string Describe(JsonElement member) => member.ValueKind switch
    {
        JsonValueKind.Number => "the number " + member.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => member.ValueKind.ToString().ToLowerInvariant(),
    };
}
