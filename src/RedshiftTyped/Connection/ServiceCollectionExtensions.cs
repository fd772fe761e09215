using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RedshiftTyped.Connection;

/// <summary>Registers a <see cref="RedshiftClient"/> for hosted applications.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds the options from a configuration section (connector key names, e.g. <c>"Redshift": {"region": ...}</c>),
    /// validates them when the host starts, and registers a singleton <see cref="RedshiftClient"/>.
    /// </summary>
    public static IServiceCollection AddRedshiftTyped(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddRedshiftTyped(options => RedshiftConnectionOptionsLoader.FromConfiguration(section, options));
    }

    /// <summary>Configures the options in code and registers a singleton <see cref="RedshiftClient"/>.</summary>
    public static IServiceCollection AddRedshiftTyped(this IServiceCollection services, Action<RedshiftConnectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RedshiftConnectionOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedshiftConnectionOptions>, ConnectionOptionsValidation>());
        services.TryAddSingleton(provider => new RedshiftClient(
            provider.GetRequiredService<IOptions<RedshiftConnectionOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        return services;
    }

    private sealed class ConnectionOptionsValidation : IValidateOptions<RedshiftConnectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, RedshiftConnectionOptions options)
        {
            var problems = ConnectionOptionsValidator.Validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
