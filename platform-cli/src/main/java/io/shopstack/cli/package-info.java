package io.shopstack.cli;
