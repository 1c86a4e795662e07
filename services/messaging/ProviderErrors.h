#pragma once

#include <QString>

namespace shopdesk {

// Provider error codes in words a store owner understands, with what to do about them.
class ProviderErrors
{
public:
    static QString describe(const QString &provider, const QString &code,
                            const QString &providerText);
    // Errors worth trying again later (throughput, temporary outages).
    static bool isTransient(const QString &provider, const QString &code);
};

} // namespace shopdesk
