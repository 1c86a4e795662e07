#pragma once

#include "core/Result.h"
#include "domain/Customer.h"

namespace shopdesk {

class Store;

// Finds the customer a person means: by phone number ("+91 98100 11003"), or by words of a
// name, nickname or landmark ("Rahul", "Sunita aunty", "chai stall"). When the words fit a
// name or nickname exactly, only those customers are candidates. On the database thread.
class CustomerLookup
{
public:
    static Result<QList<Customer>> candidates(Store &store, qint64 tenantId, const QString &who);
    // Exactly one customer, or a failure that names the candidates and asks which.
    static Result<Customer> one(Store &store, qint64 tenantId, const QString &who);
    // "Rahul Sharma (Rahul bhaiya, chai stall at the corner)", to tell customers apart.
    static QString describe(const Customer &customer);
};

} // namespace shopdesk
