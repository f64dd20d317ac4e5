using System.Globalization;

namespace Raft.Silo.Clustering;

/// <summary>
/// A membership entry's suspicion votes in one text column: "silo ticks" pairs joined by '|', the silo in
/// Orleans' parsable form (which holds neither character) and the vote's time as UTC ticks. A null list
/// stays null and an empty one stays empty, so an entry reads back exactly as it was written.
/// </summary>
internal static class SuspectTimesText
{
    private const char VoteSeparator = '|';
    private const char FieldSeparator = ' ';

    public static string? Encode(List<Tuple<SiloAddress, DateTime>>? votes) =>
        votes is null
            ? null
            : string.Join(VoteSeparator, votes.Select(vote =>
                string.Create(CultureInfo.InvariantCulture, $"{vote.Item1.ToParsableString()}{FieldSeparator}{vote.Item2.Ticks}")));

    /// <exception cref="FormatException">the text was not written by <see cref="Encode"/>.</exception>
    public static List<Tuple<SiloAddress, DateTime>>? Decode(string? text)
    {
        if (text is null) return null;
        var votes = new List<Tuple<SiloAddress, DateTime>>();
        if (text.Length == 0) return votes;
        foreach (var vote in text.Split(VoteSeparator))
        {
            var space = vote.LastIndexOf(FieldSeparator);
            if (space <= 0) throw new FormatException($"suspect vote \"{vote}\" is not \"silo ticks\"");
            var ticks = long.Parse(vote.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            votes.Add(Tuple.Create(SiloAddress.FromParsableString(vote[..space]), new DateTime(ticks, DateTimeKind.Utc)));
        }
        return votes;
    }
}
