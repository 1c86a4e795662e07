# shopdesk_add_test(NAME test [TARGET exe] [SOURCES ...] [LIBS ...] LABELS ... [ENV ...]
#                   [FIXTURES ...] [ARGS ...] [TIMEOUT s])
# One QtTest program per class or feature (built from SOURCES, or an existing TARGET), run on the
# offscreen platform, labelled for `ctest -L`. Tests may read ../shared beside the checkout.
function(shopdesk_add_test)
    cmake_parse_arguments(T "" "NAME;TARGET;TIMEOUT" "SOURCES;LIBS;LABELS;ENV;FIXTURES;ARGS" ${ARGN})
    if(NOT T_TARGET)
        set(T_TARGET ${T_NAME})
    endif()
    if(T_SOURCES)
        add_executable(${T_TARGET} ${T_SOURCES})
        target_link_libraries(${T_TARGET} PRIVATE Qt6::Test shopdesk_settings shopdesk_test_support ${T_LIBS})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_TARGET} ${T_ARGS})
    set(_env
        "QT_QPA_PLATFORM=offscreen"
        "SHOPDESK_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared"
        "SHOPDESK_PG_URL_FILE=${PROJECT_BINARY_DIR}/pg-test/url"
        ${T_ENV})
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${_env}")
    if(T_FIXTURES)
        set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
    endif()
endfunction()
