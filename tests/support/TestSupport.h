#pragma once

#include "core/Result.h"

#include <QTest>

#include <optional>

// QVERIFY for Result<T>: on failure the test log shows the error message.
#define SD_VERIFY_OK(expr)                                                                         \
    do {                                                                                           \
        const auto &sd_result_ = (expr);                                                           \
        if (!sd_result_.ok())                                                                      \
            QFAIL(qPrintable(QStringLiteral(#expr " failed: ") + sd_result_.error()));             \
    } while (false)

// The value of a Result<T>, failing the test if there is none.
#define SD_TAKE(var, expr)                                                                         \
    auto var##_result_ = (expr);                                                                   \
    if (!var##_result_.ok())                                                                       \
        QFAIL(qPrintable(QStringLiteral(#expr " failed: ") + var##_result_.error()));              \
    auto var = std::move(var##_result_).value()

namespace shopdesk::test {

// Calls a service that answers through a callback (call(done)) and waits for the answer.
template<typename T, typename Call> Result<T> answerOf(Call call, int timeoutMs = 20000)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
        return Result<T>::failure(QStringLiteral("no answer"));
    return std::move(*out);
}

} // namespace shopdesk::test

#include "domain/Conversation.h"
#include "domain/Message.h"
#include "domain/Operator.h"

// Readable values in QCOMPARE failures for the domain's enums.
namespace QTest {
template<> inline char *toString(const shopdesk::OwnerKind &v)
{
    return qstrdup(qPrintable(shopdesk::toText(v)));
}
template<> inline char *toString(const shopdesk::Author &v)
{
    return qstrdup(qPrintable(shopdesk::toText(v)));
}
template<> inline char *toString(const shopdesk::Direction &v)
{
    return qstrdup(qPrintable(shopdesk::toText(v)));
}
template<> inline char *toString(const shopdesk::MessageStatus &v)
{
    return qstrdup(qPrintable(shopdesk::toText(v)));
}
template<> inline char *toString(const shopdesk::OperatorRole &v)
{
    return qstrdup(qPrintable(shopdesk::toText(v)));
}
} // namespace QTest
