# shopdesk_add_test(NAME name SOURCES ... LIBS ... LABELS ... [ENV ...] [FIXTURES ...] [TIMEOUT s])
# One QtTest program per class or feature; offscreen platform; labelled for `ctest -L`.
function(shopdesk_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV;FIXTURES;ARGS" ${ARGN})
    if(NOT TARGET ${T_NAME})
        add_executable(${T_NAME} ${T_SOURCES})
        target_link_libraries(${T_NAME} PRIVATE Qt6::Test shopdesk_settings shopdesk_test_support ${T_LIBS})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SHOPDESK_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared;SHOPDESK_PG_URL_FILE=${PROJECT_BINARY_DIR}/pg-test/url;${T_ENV}")
    if(T_FIXTURES)
        set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
    endif()
endfunction()
