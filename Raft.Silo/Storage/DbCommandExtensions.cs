using System.Data.Common;

namespace Raft.Silo.Storage;

/// <summary>Provider-neutral parameter binding, so the SQL both databases share is written once.</summary>
internal static class DbCommandExtensions
{
    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
